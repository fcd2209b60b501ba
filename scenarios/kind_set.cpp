#include "scenarios/kind_set.h"

#include <algorithm>

namespace resvcheck::scenarios {

std::vector<std::string_view> KindSet::names() const {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < sched::kFindingKindNames.size(); ++i)
    if (contains(static_cast<sched::FindingKind>(i))) out.push_back(sched::kFindingKindNames[i]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace resvcheck::scenarios
