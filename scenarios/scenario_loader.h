// Loading a scenario file (scenario-format.md): JSON text in, a valid Scenario or every problem
// found out.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

struct LoadResult {
  std::optional<Scenario> scenario;  // set when the text is a valid scenario
  std::vector<Problem> problems;     // every problem found, in document order per section
  bool skipped = false;              // a resvcheck output (top-level "format": "resvcheck-...")
};

LoadResult load_scenario(std::string_view text);

}  // namespace resvcheck::scenarios
