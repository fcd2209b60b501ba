// Names of the engine's closed lists.
#include <array>

#include "scheduler/event.h"
#include "scheduler/finding.h"

namespace resvcheck::sched {

std::string_view access_name(Access a) {
  static constexpr std::array<std::string_view, 4> kNames = {"read", "write", "acquire", "release"};
  return kNames[static_cast<size_t>(a)];
}

std::optional<FindingKind> parse_finding_kind(std::string_view name) {
  for (size_t i = 0; i < kFindingKindNames.size(); ++i)
    if (kFindingKindNames[i] == name) return static_cast<FindingKind>(i);
  return std::nullopt;
}

}  // namespace resvcheck::sched
