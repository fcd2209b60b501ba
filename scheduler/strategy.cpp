#include "scheduler/strategy.h"

#include "scheduler/pct.h"
#include "scheduler/random_walk.h"
#include "scheduler/tree_search.h"

namespace resvcheck::sched {

std::unique_ptr<Strategy> make_strategy(const Config& config) {
  switch (config.strategy) {
    case StrategyKind::dfs:
      return std::make_unique<TreeSearch>(TreeSearch::Mode::dfs, config.preemption_bound);
    case StrategyKind::random:
      return std::make_unique<RandomWalk>(config.seed, config.iterations);
    case StrategyKind::pct:
      return std::make_unique<Pct>(config.seed, config.iterations, config.pct_depth);
    case StrategyKind::dpor:
      break;
  }
  return std::make_unique<TreeSearch>(TreeSearch::Mode::dpor, config.preemption_bound);
}

}  // namespace resvcheck::sched
