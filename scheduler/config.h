// Every limit and knob of one exploration, in one place. Each field names its default, the
// command-line flag and the scenario key that set it (flags override the scenario).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace resvcheck::sched {

class WorkerBudget;

enum class StrategyKind : uint8_t { dpor, dfs, random, pct };

struct Config {
  /// Exploration strategy. Default dpor; flag --strategy.
  StrategyKind strategy = StrategyKind::dpor;
  /// Preemption bound for dfs and dpor; none = unbounded. Flag --preemptions; key
  /// bounds.preemptions.
  std::optional<uint32_t> preemption_bound;
  /// Complete executions before the result is cut and marked incomplete. Default 1,000,000;
  /// flag --max-executions; key bounds.max_executions.
  uint64_t max_executions = 1'000'000;
  /// Visible operations in one execution before it is cut with a step_limit finding (a retry loop
  /// that never makes progress). Default 10,000; flag --max-steps; key bounds.max_steps.
  uint32_t max_steps = 10'000;
  /// Wall-clock deadline for the whole run; hitting it marks the result incomplete. Default none;
  /// flag --time-limit (seconds, converted to a deadline at start).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  /// Seed for random and pct. Default 0; flag --seed.
  uint64_t seed = 0;
  /// Executions for random and pct. Default 10,000; flag --iterations.
  uint64_t iterations = 10'000;
  /// PCT bug depth d (d - 1 priority change points). Default 3; flag --pct-depth.
  uint32_t pct_depth = 3;
  /// Re-run every complete execution from its schedule and compare the runnable sets step by
  /// step; a mismatch makes the result an error (nondeterministic model). Default off; flag
  /// --check-determinism.
  bool check_determinism = false;
  /// Usable bytes of each fiber stack (one guard page is added below). Default 256 KiB.
  size_t stack_size = 256 * 1024;
  /// Idle OS threads an unbounded dfs or dpor exploration may borrow to explore its subtrees side
  /// by side (split_exploration.h). Default none: one thread, one sequential search. Flag --jobs.
  WorkerBudget* helpers = nullptr;
  /// Set from a signal handler to stop the exploration early (result incomplete). Default none.
  const std::atomic<bool>* cancel = nullptr;
  /// Told the number of complete executions so far, every 1,024 of them (a progress line).
  /// Default none.
  void (*progress)(uint64_t executions, void* arg) = nullptr;
  void* progress_arg = nullptr;
};

}  // namespace resvcheck::sched
