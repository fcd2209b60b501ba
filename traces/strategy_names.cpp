#include "traces/strategy_names.h"

namespace resvcheck::traces {

std::optional<sched::StrategyKind> parse_strategy(std::string_view name) {
  for (size_t i = 0; i < kStrategyNames.size(); ++i)
    if (kStrategyNames[i] == name) return static_cast<sched::StrategyKind>(i);
  return std::nullopt;
}

}  // namespace resvcheck::traces
