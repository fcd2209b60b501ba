// The text report of a `check` run (cli-and-traces.md, "check"): one line per (scenario,
// version), a block per finding under each result that did not pass, and a summary line.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "scenarios/check.h"

namespace resvcheck::traces {

/// `traces_dir`: where the findings' traces were written (each block names its replay command);
/// empty when none were.
void write_text_report(std::ostream& out, const std::vector<scenarios::CheckResult>& results,
                       const std::string& traces_dir);

}  // namespace resvcheck::traces
