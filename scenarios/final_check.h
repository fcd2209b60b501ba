// The `final` checks (scenario-format.md, "Top level"): run at the end of an execution in which
// every thread reached its end; each value that differs is a final_state finding.
#pragma once

#include "scenarios/world.h"

namespace resvcheck::scenarios {

/// Checks the scenario's `final` values against the objects of `world` (pages_pin_count only
/// from v6.16, the first version that has it).
void check_final(const World& world);

}  // namespace resvcheck::scenarios
