// The text report of a `check` run (cli-and-traces.md, "check"): one line per (scenario,
// version), a block per finding under each result that did not pass, and a summary line.
#pragma once

#include <ostream>
#include <vector>

#include "scenarios/check.h"

namespace resvcheck::traces {

void write_text_report(std::ostream& out, const std::vector<scenarios::CheckResult>& results);

}  // namespace resvcheck::traces
