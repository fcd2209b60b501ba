// What one OS thread does in an exploration: run executions under a strategy, count them, check
// them for determinism when asked, and gather their findings and witnesses. A sequential
// exploration has one worker; a split one (split_exploration.h) has one per OS thread.
#pragma once

#include <optional>
#include <string>

#include "scheduler/execution.h"
#include "scheduler/explorer.h"
#include "scheduler/strategy.h"
#include "scheduler/witnesses.h"

namespace resvcheck::sched {

/// The fiber stacks of the calling OS thread, kept for its next exploration (mapping one costs
/// ~20 us).
StackPool& stack_pool_for(const Config& config);

/// Why an exploration of `executions` complete executions must stop before the next one, if it
/// must: "cancelled", "max_executions" or "time_limit".
std::optional<std::string> stop_reason(const Config& config, uint64_t executions);

/// The error of an execution whose fiber overflowed its stack.
std::string overflow_message(const Execution& e, const Config& config);

class ExplorationWorker {
 public:
  ExplorationWorker(const Program& program, const Config& config);

  enum class Outcome : uint8_t {
    complete,   // a complete execution, counted and gathered
    redundant,  // cut: every runnable thread asleep
    failed,     // an internal error: see error()
  };
  /// Runs the strategy's next execution (begin_execution() was true).
  Outcome run(Strategy& strategy);

  Stats& stats() { return stats_; }
  Witnesses& witnesses() { return witnesses_; }
  const std::optional<std::string>& error() const { return error_; }

 private:
  const Program& program_;
  const Config& config_;
  StackPool& pool_;
  Execution execution_;
  Execution rerun_;  // for the determinism check
  Witnesses witnesses_;
  Stats stats_;
  std::optional<std::string> error_;
};

}  // namespace resvcheck::sched
