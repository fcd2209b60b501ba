#include "scheduler/explorer.h"

#include <memory>

#include "scheduler/execution.h"
#include "scheduler/replay_strategy.h"
#include "scheduler/witnesses.h"

namespace resvcheck::sched {
namespace {

std::string overflow_message(const Execution& e, const Config& config) {
  return "fiber stack overflow in thread '" + std::string(e.thread_name(e.overflowed())) +
         "' (stacks are " + std::to_string(config.stack_size / 1024) +
         " KiB; deep recursion in the model)";
}

// Fiber stacks cost ~20 us each to map: keep them for the next exploration on this OS thread.
StackPool& pool_for(const Config& config) {
  thread_local std::unique_ptr<StackPool> pool;
  thread_local size_t requested = 0;
  if (!pool || requested != config.stack_size) {
    pool = std::make_unique<StackPool>(config.stack_size);
    requested = config.stack_size;
  }
  return *pool;
}

bool out_of_time(const Config& config) {
  return config.deadline && std::chrono::steady_clock::now() >= *config.deadline;
}

}  // namespace

ExplorationResult explore(const Program& program, const Config& config) {
  StackPool& pool = pool_for(config);
  Execution execution(pool, config);
  Execution rerun(pool, config);  // for the determinism check
  Witnesses witnesses(program, config, pool);
  const std::unique_ptr<Strategy> strategy = make_strategy(config);
  ExplorationResult result;
  Stats& stats = result.stats;
  if (config.strategy == StrategyKind::dpor || config.strategy == StrategyKind::dfs)
    stats.preemption_bound = config.preemption_bound;

  for (;;) {
    if (!strategy->begin_execution()) {
      stats.complete = strategy->exhaustive();
      break;
    }
    if (config.cancel != nullptr && config.cancel->load(std::memory_order_relaxed)) {
      result.stopped_by = "cancelled";
      break;
    }
    if (stats.executions >= config.max_executions) {
      result.stopped_by = "max_executions";
      break;
    }
    if (out_of_time(config)) {
      result.stopped_by = "time_limit";
      break;
    }
    const ExecutionEnd end = execution.run(program, *strategy);
    stats.steps += execution.operations();
    if (end == ExecutionEnd::overflow) {
      result.error = overflow_message(execution, config);
      break;
    }
    if (strategy->divergence()) {
      result.error = *strategy->divergence();
      break;
    }
    if (end == ExecutionEnd::abandoned) {
      ++stats.redundant;
      continue;
    }
    ++stats.executions;
    if (config.progress != nullptr && stats.executions % 1024 == 0)
      config.progress(stats.executions, config.progress_arg);
    if (execution.operations() > stats.max_depth) stats.max_depth = execution.operations();
    if (config.check_determinism) {
      ReplayStrategy check(execution.trace().schedule, &execution.trace().enabled);
      rerun.run(program, check);
      if (check.divergence()) {
        result.error = *check.divergence();
        break;
      }
    }
    if (!execution.findings().empty() || !execution.observations().empty()) {
      if (auto error = witnesses.add(execution)) {
        result.error = std::move(error);
        break;
      }
    }
  }
  result.findings = witnesses.take_findings();
  result.observations = witnesses.take_observations();
  return result;
}

ReplayResult replay(const Program& program, const Schedule& schedule, const Config& config) {
  StackPool& pool = pool_for(config);
  Execution execution(pool, config);
  ReplayStrategy follow(schedule);
  const ExecutionEnd end = execution.run(program, follow, /*record_steps=*/true);
  ReplayResult result;
  result.findings = execution.findings();
  result.views = execution.finding_views();
  result.observations = execution.step_observations();
  result.steps = execution.steps();
  result.thread_names = execution.thread_names();
  result.followed = execution.trace().schedule;
  result.preemptions = follow.preemptions();
  result.divergence = follow.divergence();
  if (end == ExecutionEnd::overflow) result.error = overflow_message(execution, config);
  return result;
}

}  // namespace resvcheck::sched
