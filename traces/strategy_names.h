// The names of the exploration strategies, as the --strategy flag and the reports spell them.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "scheduler/config.h"

namespace resvcheck::traces {

/// Indexed by sched::StrategyKind.
inline constexpr std::array<std::string_view, 4> kStrategyNames = {"dpor", "dfs", "random", "pct"};

inline std::string_view strategy_name(sched::StrategyKind k) {
  return kStrategyNames[static_cast<size_t>(k)];
}

std::optional<sched::StrategyKind> parse_strategy(std::string_view name);

}  // namespace resvcheck::traces
