// Running a scenario: the sched::Program whose executions create the scenario's locks, run its
// setup ops alone (thread "setup") and then its threads, each calling the model op by op.
// The interpreter adds no choice points of its own: every visible event comes from the model.
#pragma once

#include "scenarios/scenario.h"
#include "scheduler/explorer.h"

namespace resvcheck::scenarios {

/// `scenario` must outlive every exploration of the program. The mutex calls behave the same in
/// every helper version, so one program serves them all.
sched::Program build_program(const Scenario& scenario);

}  // namespace resvcheck::scenarios
