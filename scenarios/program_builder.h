// Running a scenario: the sched::Program whose executions create the scenario's World, run its
// setup ops alone (thread "setup") and then its threads, each calling the model op by op.
// The interpreter adds no choice points of its own: every visible event comes from the model.
#pragma once

#include "scenarios/scenario.h"
#include "scheduler/explorer.h"

namespace resvcheck::scenarios {

/// The program of `scenario` on the kernel of `version`; `scenario` must outlive every
/// exploration of the program.
sched::Program build_program(const Scenario& scenario, model::Version version);

}  // namespace resvcheck::scenarios
