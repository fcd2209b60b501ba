#include "scheduler/explorer.h"

#include <memory>

#include "scheduler/exploration_worker.h"
#include "scheduler/replay_strategy.h"
#include "scheduler/split_exploration.h"

namespace resvcheck::sched {

ExplorationResult explore(const Program& program, const Config& config) {
  if (splittable(config)) return explore_split(program, config);
  ExplorationWorker worker(program, config);
  const std::unique_ptr<Strategy> strategy = make_strategy(config);
  ExplorationResult result;
  Stats& stats = worker.stats();
  for (;;) {
    if (!strategy->begin_execution()) {
      stats.complete = strategy->exhaustive();
      break;
    }
    if (auto reason = stop_reason(config, stats.executions)) {
      result.stopped_by = std::move(*reason);
      break;
    }
    const auto outcome = worker.run(*strategy);
    if (outcome == ExplorationWorker::Outcome::failed) break;
    if (outcome == ExplorationWorker::Outcome::complete && config.progress != nullptr &&
        stats.executions % 1024 == 0)
      config.progress(stats.executions, config.progress_arg);
  }
  result.stats = stats;
  result.error = worker.error();
  result.findings = worker.witnesses().take_findings();
  result.observations = worker.witnesses().take_observations();
  return result;
}

ReplayResult replay(const Program& program, const Schedule& schedule, const Config& config) {
  Execution execution(stack_pool_for(config), config);
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
