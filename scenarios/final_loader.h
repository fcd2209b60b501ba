// Reading `final` (scenario-format.md, "Top level"): per object, the values that must hold at the
// end of every execution in which every thread reached its end.
#pragma once

#include <cstdint>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

/// The largest count a `final` entry may expect.
inline constexpr uint32_t kMaxFinalCount = 1'000'000;

/// The checks of `j` (at /final) on `objects`. Problems go to `reader`.
std::vector<FinalCheck> load_final(JsonReader& reader, const Json& j,
                                   const std::vector<ObjectSpec>& objects);

}  // namespace resvcheck::scenarios
