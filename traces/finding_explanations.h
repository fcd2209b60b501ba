// What each finding kind means, how resvcheck detects it and what usually fixes it
// (`resvcheck explain KIND`; the closed list is scheduler/finding.h, the meanings
// scenario-format.md, "Finding kinds"). One entry per kind, in the list's order.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "scheduler/finding.h"

namespace resvcheck::traces {

struct FindingExplanation {
  sched::FindingKind kind;
  std::string_view summary;    // one line
  std::string_view meaning;    // what it means in the kernel
  std::string_view detection;  // how the model raises it
  std::string_view fixes;      // what usually fixes it in the driver or helper
};

/// The explanation of `kind`.
const FindingExplanation& explain_finding(sched::FindingKind kind);

/// The whole explanation as `explain` prints it: the name and summary, then the three sections.
std::string explanation_text(sched::FindingKind kind);

}  // namespace resvcheck::traces
