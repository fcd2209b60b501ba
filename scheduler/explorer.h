// Exploring a program: run it again and again under a strategy, gather what the executions found.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scheduler/config.h"
#include "scheduler/event.h"
#include "scheduler/finding.h"
#include "scheduler/schedule.h"
#include "scheduler/thread_view.h"

namespace resvcheck::sched {

/// Builds one execution: creates the objects (make, new_object), spawns the setup thread and the
/// threads. Called at the start of every execution, so it must do the same thing every time.
using Program = std::function<void()>;

struct Stats {
  uint64_t executions = 0;  // complete executions (deadlocked and step-limited ones included)
  uint64_t redundant = 0;   // executions cut because every enabled thread was asleep
  uint64_t steps = 0;       // visible operations scheduled, over all executions (replayed ones too)
  uint32_t max_depth = 0;   // most visible operations in one execution
  uint64_t subtrees = 0;    // subtree prefixes replayed by a split exploration (0: not split)
  bool complete = false;    // the strategy finished within its bounds
  std::optional<uint32_t> preemption_bound;
};

/// One finding kind over a whole exploration.
struct KindSummary {
  FindingKind kind{};
  Finding finding;                        // as raised in the witness execution
  std::string thread_name;                // of finding.thread ("" when raised by no thread)
  std::vector<std::string> thread_names;  // of every thread in finding.threads, in id order
  Schedule witness;                       // lexicographic normal form of the witness execution
  uint32_t preemptions = 0;
  uint32_t steps = 0;
  uint64_t sites = 0;       // distinct sites over all executions
  uint64_t executions = 0;  // complete executions that showed this kind
};

/// One observation key (see observe() in facade.h) over a whole exploration.
struct ObservationSummary {
  std::string key;
  Schedule witness;  // lexicographic normal form, chosen like a finding's witness
  uint32_t preemptions = 0;
  uint32_t steps = 0;
  uint64_t executions = 0;  // complete executions that showed it
};

struct ExplorationResult {
  Stats stats;
  std::vector<KindSummary> findings;             // ordered by kind
  std::vector<ObservationSummary> observations;  // ordered by key
  /// Why the exploration stopped early ("max_executions", "time_limit", "cancelled"), if it did.
  std::string stopped_by;
  /// An internal error (fiber stack overflow, nondeterministic model): the result is void.
  std::optional<std::string> error;
};

ExplorationResult explore(const Program& program, const Config& config);

/// One visible operation of a replayed execution.
struct StepRecord {
  ThreadId thread = kNoThread;
  Event event;
  bool setup = false;
  std::string object;              // the name of event.object
  std::vector<std::string> calls;  // the thread's calls when the step was scheduled
  std::vector<std::string> notes;  // what the step did, as the model noted it
  std::vector<std::string> held;   // the locks the thread held after the step
};

/// What every thread showed when a finding was raised (threads not yet started are absent).
struct FindingViews {
  std::vector<std::pair<ThreadId, ThreadView>> threads;  // by thread id, setup last
};

/// An observation key (see observe() in facade.h), the step at which it was made, and what the
/// observing thread showed then.
struct StepObservation {
  std::string key;
  uint32_t step = 0;
  ThreadId thread = kNoThread;
  ThreadView view;
};

struct ReplayResult {
  std::vector<Finding> findings;
  std::vector<FindingViews> views;  // parallel to findings (empty without a describer)
  std::vector<StepObservation> observations;
  std::vector<StepRecord> steps;
  std::vector<std::string> thread_names;  // indexed by ThreadId
  Schedule followed;                      // the decisions actually taken
  uint32_t preemptions = 0;               // of the followed schedule
  /// Set when the schedule did not fit the program: a thread not runnable, a value out of range,
  /// decisions left over or missing. The run stops at that point.
  std::optional<std::string> divergence;
  std::optional<std::string> error;  // fiber stack overflow
};

/// Re-runs one execution following `schedule` through the same engine code as exploration,
/// recording every step (recording() is true).
ReplayResult replay(const Program& program, const Schedule& schedule, const Config& config);

}  // namespace resvcheck::sched
