// KTAP version 1 output of a `check` run (cli-and-traces.md, `--ktap`; the format is the kernel's
// Documentation/dev-tools/ktap.rst), as kernel CI tools read it: the version line, the plan
// "1..N", then one test per (scenario, version), numbered from 1, named "scenario version":
//
//   KTAP version 1
//   1..3
//   # mutex-abba-deadlock v6.5: deadlock, lock_order; 3 executions (complete)
//   ok 1 mutex-abba-deadlock v6.5
//   # vmap-balance v6.16: expected clean, found underflow
//   # underflow: vmap_use_count of 'bo' decremented at 0 [...]
//   not ok 2 vmap-balance v6.16
//   ok 3 big v6.4 # SKIP incomplete: expected deadlock, found nothing so far (max_executions)
//
// Diagnostic lines ("# ...") about a test come directly before its result line, as the spec
// recommends. `pass` is "ok", `fail` and `error` are "not ok", `incomplete` is "ok ... # SKIP".
// A test description may hold neither '#' nor a newline: such characters become '_'.
#pragma once

#include <ostream>
#include <vector>

#include "scenarios/check.h"

namespace resvcheck::traces {

/// Writes the whole document; `results` in report order (file path, then release order).
void write_ktap(std::ostream& out, const std::vector<scenarios::CheckResult>& results);

}  // namespace resvcheck::traces
