// Depth-first exploration of the tree of choices, in two modes:
//  - dfs: every enabled thread at every scheduling point (the reference);
//  - dpor: Optimal DPOR (Abdulla et al., 2014) without a preemption bound, Source-DPOR with a
//    bound. After each execution, every race between two dependent events of different threads
//    asks for the reversed order: Optimal DPOR inserts the reversed sequence into the wakeup tree
//    of the earlier event's decision, unless a thread explored there already covers it, and
//    follows that sequence when it takes the branch; Source-DPOR adds a backtrack point where
//    the later event's thread (or another initial of the reversed sequence) runs first. Lock
//    acquisitions race with the previous acquisition of the lock, not with its release, so
//    lockinc(N) explores N! traces and none twice.
// Both honour a preemption bound; with dpor, each backtrack point is also added at the start of
// the preempted thread's run (bounded POR's conservative points), where the switch may be free,
// and sleep sets are off: a sleeping thread's step is covered by a sibling execution that may
// need more preemptions than the bound allows.
// Data choices are explored exhaustively in both modes and never cost a preemption.
//
// An unbounded search can be split into subtrees (split_exploration.h): the decisions up to the
// `frontier`-th branching one form the top of the tree, where every branch is taken (every
// runnable thread not asleep, every value), each as its own subtree. Sleep sets make the split
// exact: a branch started after its siblings sleeps on them, so every Mazurkiewicz trace is
// still explored once, by whichever subtree it belongs to.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scheduler/strategy.h"

namespace resvcheck::sched {

class TreeSearch final : public Strategy {
 public:
  enum class Mode : uint8_t { dfs, dpor };
  TreeSearch(Mode mode, std::optional<uint32_t> preemption_bound);

  bool begin_execution() override;
  ThreadId pick_thread(const SchedulingPoint& point) override;
  uint32_t pick_value(uint32_t n, uint32_t decision) override;
  void end_execution(const Trace& trace, ExecutionEnd end) override;
  bool exhaustive() const override { return true; }
  const std::optional<std::string>& divergence() const override { return divergence_; }

  /// A wakeup tree: sequences still to run from a decision, as a tree of threads with the event
  /// each would run there; siblings in the order they are to be taken.
  struct Wakeup {
    ThreadId thread = kNoThread;
    Event event;
    bool known = true;  // false: the event is not known, so it never counts as independent
    std::vector<Wakeup> next;
  };

  /// One node per decision of the current execution.
  struct Node {
    bool is_value = false;
    uint32_t n = 0;      // value node: number of values
    uint32_t value = 0;  // value node: chosen value
    ThreadSet enabled, sleep, backtrack, done;
    ThreadSet sleep_after;  // value node: sleep set handed on to the next scheduling point
    ThreadId chosen = kNoThread;
    ThreadId last = kNoThread;
    bool last_enabled = false;
    uint32_t preemptions = 0;    // before this decision
    std::vector<Wakeup> wakeup;  // dpor without a bound: the wakeup tree at this decision
  };

  /// The decisions above a subtree; the last one's `chosen` (or `value`) is the branch the
  /// subtree starts with, and its `done` the siblings started before it.
  using Prefix = std::vector<Node>;
  /// Explores only the subtree below `prefix`. With `frontier` > 0, the first execution hands
  /// every other branch of the top decisions it made (those up to the frontier-th branching
  /// decision) to take_subtrees(), and the search never goes back above the frontier.
  TreeSearch(Mode mode, uint32_t frontier, Prefix prefix);
  /// The subtrees split off since the last call, in the order a sequential search takes them.
  std::vector<Prefix> take_subtrees() { return std::exchange(subtrees_, {}); }

 private:
  uint32_t cost(const Node& n, ThreadId t) const {
    return (n.last != kNoThread && n.last_enabled && t != n.last) ? 1u : 0u;
  }
  bool within_bound(const Node& n, ThreadId t) const {
    return !bound_ || n.preemptions + cost(n, t) <= *bound_;
  }
  ThreadSet sleep_after(const Node& n, ThreadId t, const SchedulingPoint& point) const;
  bool next_branch();
  void split_top();

  // A split search takes Source-DPOR below its frontier: Optimal DPOR's test that a thread
  // explored earlier covers a race holds only when the branches above were taken with their
  // wakeup sequences, and the top of a split tree is taken whole, without them.
  bool optimal() const { return mode_ == Mode::dpor && !bound_ && frontier_ == 0; }

  Mode mode_;
  std::optional<uint32_t> bound_;
  std::vector<Wakeup> guide_;  // the wakeup tree the next new decision follows
  std::vector<Node> stack_;
  size_t position_ = 0;   // next decision of the current execution
  size_t branch_ = 0;     // first decision that is new in the current execution
  ThreadSet next_sleep_;  // sleep set of the next scheduling point to be created
  uint32_t preemptions_ = 0;
  bool started_ = false;
  bool finished_ = false;
  uint32_t frontier_ = 0;  // branching decisions in the top of a split tree; 0: not split
  size_t frozen_ = 0;      // decisions the search never goes back into
  bool split_ = false;     // the top below the prefix was split off
  std::vector<Prefix> subtrees_;
  std::optional<std::string> divergence_;
};

/// What a race asks for: a wakeup sequence (Optimal DPOR), or a backtrack point (Source-DPOR),
/// with a preemption bound at the start of the preempted run as well.
enum class RaceRule : uint8_t { optimal, source, bounded_source };

/// DPOR's race analysis: for every race in `trace` whose later event comes from a decision at or
/// after `first_new`, adds what `rule` asks for to `stack`.
void add_race_backtracks(const Trace& trace, size_t first_new, RaceRule rule,
                         std::vector<TreeSearch::Node>& stack);

}  // namespace resvcheck::sched
