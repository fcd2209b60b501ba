#include "scheduler/exploration_worker.h"

#include <memory>

#include "scheduler/replay_strategy.h"

namespace resvcheck::sched {

StackPool& stack_pool_for(const Config& config) {
  thread_local std::unique_ptr<StackPool> pool;
  thread_local size_t requested = 0;
  if (!pool || requested != config.stack_size) {
    pool = std::make_unique<StackPool>(config.stack_size);
    requested = config.stack_size;
  }
  return *pool;
}

std::optional<std::string> stop_reason(const Config& config, uint64_t executions) {
  if (config.cancel != nullptr && config.cancel->load(std::memory_order_relaxed))
    return "cancelled";
  if (executions >= config.max_executions) return "max_executions";
  if (config.deadline && std::chrono::steady_clock::now() >= *config.deadline) return "time_limit";
  return std::nullopt;
}

std::string overflow_message(const Execution& e, const Config& config) {
  return "fiber stack overflow in thread '" + std::string(e.thread_name(e.overflowed())) +
         "' (stacks are " + std::to_string(config.stack_size / 1024) +
         " KiB; deep recursion in the model)";
}

ExplorationWorker::ExplorationWorker(const Program& program, const Config& config)
    : program_(program),
      config_(config),
      pool_(stack_pool_for(config)),
      execution_(pool_, config),
      rerun_(pool_, config),
      witnesses_(program, config, pool_) {
  if (config.strategy == StrategyKind::dpor || config.strategy == StrategyKind::dfs)
    stats_.preemption_bound = config.preemption_bound;
}

ExplorationWorker::Outcome ExplorationWorker::run(Strategy& strategy) {
  const ExecutionEnd end = execution_.run(program_, strategy);
  stats_.steps += execution_.operations();
  if (end == ExecutionEnd::overflow) {
    error_ = overflow_message(execution_, config_);
    return Outcome::failed;
  }
  if (strategy.divergence()) {
    error_ = *strategy.divergence();
    return Outcome::failed;
  }
  if (end == ExecutionEnd::abandoned) {
    ++stats_.redundant;
    return Outcome::redundant;
  }
  ++stats_.executions;
  if (execution_.operations() > stats_.max_depth) stats_.max_depth = execution_.operations();
  if (config_.check_determinism) {
    ReplayStrategy check(execution_.trace().schedule, &execution_.trace().enabled);
    rerun_.run(program_, check);
    if (check.divergence()) {
      error_ = *check.divergence();
      return Outcome::failed;
    }
  }
  if (!execution_.findings().empty() || !execution_.observations().empty()) {
    error_ = witnesses_.add(execution_);
    if (error_) return Outcome::failed;
  }
  return Outcome::complete;
}

}  // namespace resvcheck::sched
