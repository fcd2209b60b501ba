// DPOR's race analysis over one finished execution (Abdulla et al., "Optimal dynamic partial
// order reduction", 2014): Optimal DPOR's wakeup sequences without a preemption bound,
// Source-DPOR's backtrack points with one.
#include <array>
#include <vector>

#include "scheduler/tree_search.h"

namespace resvcheck::sched {
namespace {

using Node = TreeSearch::Node;
using Wakeup = TreeSearch::Wakeup;

// Adds `t` to the backtrack set of `node`, or every enabled thread if `t` cannot run there.
void add_backtrack(Node& node, ThreadId t) {
  if (node.enabled.contains(t))
    node.backtrack.insert(t);
  else
    node.backtrack = node.backtrack | node.enabled;
}

// The threads that can start v = notdep(e1).e2, where notdep(e1) are the events between e1 (at
// index i) and index `end` that do not happen after e1: the threads whose first event in v has
// no happens-before predecessor in v.
ThreadSet initials(const Trace& trace, size_t i, size_t end, const TraceEvent& e2) {
  const std::vector<TraceEvent>& ev = trace.events;
  const TraceEvent& e1 = ev[i];
  const VectorClock& e2_pre = trace.pre(e2);
  std::array<uint32_t, kMaxThreads> first;  // seq of each present thread's first event in v
  ThreadSet present;                        // threads with an event in v
  ThreadSet conflicts;                      // threads with an event in v that conflicts with e2
  ThreadSet result;
  for (size_t m = i + 1; m < end; ++m) {
    const TraceEvent& x = ev[m];
    if (x.clock.covers(e1.thread, e1.seq)) continue;  // happens after e1: not in v
    if (dependent(x.event, e2.event)) conflicts.insert(x.thread);
    if (present.contains(x.thread)) continue;
    bool has_pred = false;
    for (ThreadId w : present) has_pred = has_pred || x.clock.at[w] >= first[w];
    present.insert(x.thread);
    first[x.thread] = x.seq;
    if (!has_pred) result.insert(x.thread);
  }
  if (!present.contains(e2.thread)) {
    bool has_pred = !conflicts.empty();
    for (ThreadId w : present) has_pred = has_pred || e2_pre.at[w] >= first[w];
    if (!has_pred) result.insert(e2.thread);
  }
  return result;
}

// Index of the first event of the run of consecutive events of ev[i]'s thread that contains i.
size_t run_start(const std::vector<TraceEvent>& ev, size_t i) {
  while (i > 0 && ev[i - 1].thread == ev[i].thread) --i;
  return i;
}

struct ObjectHistory {
  int32_t last_write = -1;      // last non-read event
  int32_t last_acquire = -1;    // last acquire event
  std::vector<uint32_t> reads;  // read events since last_write
  std::vector<uint32_t> all;    // every event (kept under a preemption bound only)
};

// One wakeup-sequence event: an event of the trace; `last` marks the race's later event e2.
struct Step {
  const TraceEvent* event;
  bool last;
};

// The analysis's working storage, kept from one execution to the next on each OS thread so that
// analysing an execution allocates nothing once the buffers have grown.
struct Scratch {
  std::vector<ObjectHistory> objects;
  std::vector<uint32_t> candidates;
  std::vector<int32_t> previous_write;
  std::vector<Step> sequence;
};

Scratch& scratch() {
  thread_local Scratch s;
  for (ObjectHistory& o : s.objects) {
    o.last_write = o.last_acquire = -1;
    o.reads.clear();
    o.all.clear();
  }
  s.previous_write.clear();
  return s;
}

class RaceAnalysis {
 public:
  RaceAnalysis(const Trace& trace, RaceRule rule, std::vector<Node>& stack)
      : trace_(trace),
        ev_(trace.events),
        bounded_(rule == RaceRule::bounded_source),
        optimal_(rule == RaceRule::optimal),
        stack_(stack),
        scratch_(scratch()),
        objects_(scratch_.objects),
        candidates_(scratch_.candidates),
        previous_write_(scratch_.previous_write) {}

  void run(const Trace& trace, size_t first_new) {
    for (size_t j = 0; j < ev_.size(); ++j) {
      const TraceEvent& e2 = ev_[j];
      if (e2.decision >= first_new && e2.decision < stack_.size()) check(e2, j);
      update(e2, j);
    }
    // An operation a thread never got to run races like one that would come last.
    for (const TraceEvent& e2 : trace.unfinished) check(e2, ev_.size());
  }

 private:
  ObjectHistory& history(ObjectId object) {
    if (object >= objects_.size()) objects_.resize(object + 1);
    return objects_[object];
  }

  // Races of e2 (at index end, or a blocked operation after the last event) with the events it
  // conflicts with directly. A lock acquisition races with the previous acquisition, not with
  // the release in between: the release cannot be reordered before it.
  void check(const TraceEvent& e2, size_t end) {
    ObjectHistory& o = history(e2.event.object);
    candidates_.clear();
    if (bounded_) return check_all(o, e2, end);
    const auto push = [&](int32_t i) {
      if (i >= 0) candidates_.push_back(static_cast<uint32_t>(i));
    };
    switch (e2.event.access) {
      case Access::read:
        push(o.last_write);
        break;
      case Access::acquire:
        // Failed trylocks since then saw the lock held by that acquisition's thread: they
        // cannot move past it, so they are not race partners of their own.
        push(o.last_acquire);
        if (o.last_write != o.last_acquire) push(o.last_write);
        break;
      case Access::release:
        candidates_.insert(candidates_.end(), o.reads.begin(), o.reads.end());
        break;
      case Access::write:
        // Reads since the last write happen after it: then they, not it, race with e2.
        if (o.reads.empty()) push(o.last_write);
        candidates_.insert(candidates_.end(), o.reads.begin(), o.reads.end());
        break;
    }
    for (uint32_t i : candidates_) {
      const TraceEvent& e1 = ev_[i];
      if (e1.thread == e2.thread || trace_.pre(e2).covers(e1.thread, e1.seq)) continue;
      // e1 and e2 race only if nothing else orders them: no other event e2 conflicts with
      // directly happens after e1.
      // (A previous acquisition is ordered before e2 through the release in between; that
      // order is the one a blocking acquisition cannot change, so it does not count.)
      bool ordered = false;
      if (!(e1.event.access == Access::acquire && e2.event.access == Access::acquire))
        for (uint32_t d : candidates_)
          ordered = ordered || (d != i && ev_[d].clock.covers(e1.thread, e1.seq));
      if (ordered) continue;
      // An acquisition after a release: a blocking one cannot run before the release (its lock
      // is held), so only its race with the previous acquisition matters; a trylock, or a
      // ww_mutex that would back off, run first is a new outcome (see on_race).
      const bool release_then_acquire =
          e1.event.access == Access::release && e2.event.access == Access::acquire;
      on_race(i, end, e2, release_then_acquire);
      if (!release_then_acquire) reach_back(i, end, e2);
    }
  }

  // A blocking operation that is not an acquisition (a wound-wait mutex's wait is a write on its
  // class) may be unable to run before e1 for the very reason e1 came: an earlier write took
  // what it waits for. Reversing the race with e1 then has no point to start from, so the races
  // with the writes before e1 are tried as well, back to one where e2's thread could run.
  void reach_back(size_t i, size_t end, const TraceEvent& e2) {
    const VectorClock& pre = trace_.pre(e2);
    while (!stack_[ev_[i].decision].enabled.contains(e2.thread) && previous_write_[i] >= 0) {
      i = static_cast<size_t>(previous_write_[i]);
      const TraceEvent& e0 = ev_[i];
      if (e0.thread == e2.thread || pre.covers(e0.thread, e0.seq)) return;
      on_race(i, end, e2, false);
    }
  }

  // Under a preemption bound, reversing a race may need an intermediate execution that is over
  // the bound (the race with the previous acquisition shows the one before only once it is
  // reversed). So every earlier conflicting event that e2's thread does not know of is a race.
  void check_all(const ObjectHistory& o, const TraceEvent& e2, size_t end) {
    const VectorClock& pre = trace_.pre(e2);
    for (uint32_t i : o.all) {
      const TraceEvent& e1 = ev_[i];
      if (e1.thread == e2.thread || !dependent(e1.event, e2.event) || pre.covers(e1.thread, e1.seq))
        continue;
      on_race(i, end, e2, e1.event.access == Access::release && e2.event.access == Access::acquire);
    }
  }

  void on_race(size_t i, size_t end, const TraceEvent& e2, bool only_if_enabled) {
    // A blocking acquisition cannot move before the release of its lock: its holder still has
    // it there. (Under a preemption bound the race still adds bounded POR's point below.)
    if (only_if_enabled && e2.event.blocking && !bounded_) return;
    Node& node = stack_[ev_[i].decision];
    const ThreadSet starters = initials(trace_, i, end, e2);
    if (starters.empty()) return;
    const ThreadId t = starters.contains(e2.thread) ? e2.thread : starters.first();
    if (only_if_enabled && t == e2.thread && !node.enabled.contains(t)) return;
    if (optimal_) return wake(node, i, end, e2, t);
    if ((starters & node.backtrack).empty()) add_backtrack(node, t);
    // Under a preemption bound the point above may be out of reach; bounded POR adds the start
    // of the run of e1's thread, where switching may be free. It is added even when the point
    // above already has an initial: that one may be the unreachable part.
    if (bounded_) {
      Node& start = stack_[ev_[run_start(ev_, i)].decision];
      if (!start.backtrack.contains(t)) add_backtrack(start, t);
    }
  }

  // Whether y comes before x in every execution equivalent to E'.v.
  bool before(const Step& y, const Step& x) const {
    const TraceEvent& a = *y.event;
    if (!x.last) return x.event->clock.covers(a.thread, a.seq);
    // e2 happened after e1 in E; in E'.v it follows what it depends on and what its thread knew.
    return dependent(a.event, x.event->event) || trace_.pre(*x.event).covers(a.thread, a.seq);
  }

  // Whether thread p, whose next event is `next`, can start a sequence equivalent to an
  // extension of v: its first event in v has nothing before it in v, or it has none in v and
  // `next` commutes with all of v. Sets `at` to the index of p's event in v (or -1).
  bool weak_initial(const std::vector<Step>& v, ThreadId p, const Event* next, long& at) const {
    at = -1;
    for (size_t k = 0; k < v.size(); ++k) {
      if (v[k].event->thread != p) continue;
      at = static_cast<long>(k);
      for (size_t j = 0; j < k; ++j)
        if (before(v[j], v[k])) return false;
      return true;
    }
    if (next == nullptr) return false;
    for (const Step& s : v)
      if (dependent(*next, s.event->event)) return false;
    return true;
  }

  // The event thread q runs next after e1's point (at index i), as far as the trace tells.
  const Event* next_event(ThreadId q, size_t i) const {
    for (size_t m = i + 1; m < ev_.size(); ++m)
      if (ev_[m].thread == q) return &ev_[m].event;
    for (const TraceEvent& u : trace_.unfinished)
      if (u.thread == q) return &u.event;
    return nullptr;
  }

  // Optimal DPOR: asks for v = notdep(e1).e2 to run at e1's decision, unless a thread explored
  // there (or asleep there) already covers it, by inserting v into that decision's wakeup tree.
  void wake(Node& node, size_t i, size_t end, const TraceEvent& e2, ThreadId t) {
    const TraceEvent& e1 = ev_[i];
    std::vector<Step>& v = scratch_.sequence;
    v.clear();
    for (size_t m = i + 1; m < end; ++m)
      if (!ev_[m].clock.covers(e1.thread, e1.seq)) v.push_back({&ev_[m], false});
    v.push_back({&e2, true});
    long at = 0;
    for (ThreadId q : (node.sleep | node.done).without(ThreadSet(1u << node.chosen)))
      if (weak_initial(v, q, next_event(q, i), at)) return;
    if (!node.enabled.contains(t)) {
      // v cannot start here (its first thread is blocked here): every other thread that can
      // run gets a branch of its own, as Source-DPOR does.
      for (ThreadId q : node.enabled.without(node.sleep | node.done)) {
        bool present = false;
        for (const Wakeup& w : node.wakeup) present = present || w.thread == q;
        const Event* next = next_event(q, i);
        if (!present) node.wakeup.push_back(Wakeup{q, next ? *next : Event{}, next != nullptr, {}});
      }
      return;
    }
    insert(node.wakeup, v);
  }

  // Inserts v into a wakeup tree: down the leftmost branches whose thread is a weak initial of
  // what is left of v, then as a new rightmost branch. Nothing is inserted when v ends inside
  // the tree or reaches a leaf (a sequence there already covers it).
  void insert(std::vector<Wakeup>& tree, std::vector<Step>& v) const {
    std::vector<Wakeup>* level = &tree;
    for (;;) {
      Wakeup* into = nullptr;
      long at = -1;
      for (Wakeup& w : *level)
        if (into == nullptr && weak_initial(v, w.thread, w.known ? &w.event : nullptr, at))
          into = &w;
      if (into == nullptr) break;
      if (at >= 0) v.erase(v.begin() + at);
      if (v.empty() || into->next.empty()) return;
      level = &into->next;
    }
    for (const Step& s : v) {
      level->push_back(Wakeup{s.event->thread, s.event->event, true, {}});
      level = &level->back().next;
    }
  }

  void update(const TraceEvent& e, size_t j) {
    ObjectHistory& o = history(e.event.object);
    if (bounded_) o.all.push_back(static_cast<uint32_t>(j));
    previous_write_.push_back(o.last_write);
    if (e.event.access == Access::read) {
      o.reads.push_back(static_cast<uint32_t>(j));
      return;
    }
    o.last_write = static_cast<int32_t>(j);
    o.reads.clear();
    if (e.event.access == Access::acquire) o.last_acquire = static_cast<int32_t>(j);
  }

  const Trace& trace_;
  const std::vector<TraceEvent>& ev_;
  bool bounded_;
  bool optimal_;
  std::vector<Node>& stack_;
  Scratch& scratch_;
  std::vector<ObjectHistory>& objects_;
  std::vector<uint32_t>& candidates_;
  std::vector<int32_t>& previous_write_;  // per event: the last non-read event on its object before
};

}  // namespace

void add_race_backtracks(const Trace& trace, size_t first_new, RaceRule rule,
                         std::vector<Node>& stack) {
  RaceAnalysis(trace, rule, stack).run(trace, first_new);
}

}  // namespace resvcheck::sched
