// Helpers shared by the model suites. Include after the STL headers and before CppUTest's.
#pragma once

#include <string>

#include "scheduler/explorer.h"

namespace resvcheck::model {

/// The kinds found, in the closed list's order, joined by spaces ("" when clean).
inline std::string kinds(const sched::ExplorationResult& r) {
  std::string out;
  for (const sched::KindSummary& k : r.findings)
    out += (out.empty() ? "" : " ") + std::string(sched::finding_kind_name(k.kind));
  return out;
}

}  // namespace resvcheck::model
