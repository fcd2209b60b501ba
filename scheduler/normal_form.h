// The lexicographic normal form of an execution's trace: replay its events, always taking next the
// event of the lowest-indexed thread that can come next without reordering two dependent events.
// Equivalent executions have the same normal form, so a witness reported in it does not depend on
// the order in which executions were explored.
#pragma once

#include "scheduler/schedule.h"
#include "scheduler/trace.h"

namespace resvcheck::sched {

/// The schedule of the normal form; each data choice stays with the step it was made in.
Schedule normal_form(const Trace& trace);

}  // namespace resvcheck::sched
