// Running the (scenario, version) pairs of a `check`: each is explored, its witnesses replayed
// and its traces written, on `jobs` worker threads side by side (each with its own fibers). The
// results come back in pair order whatever the number of workers, so reports never depend on it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/check.h"
#include "tools/check_command.h"
#include "tools/check_progress.h"
#include "tools/scenario_files.h"

namespace resvcheck::tools {

/// A (scenario, version) pair of the run.
struct Pair {
  const ScenarioFile* file;
  const scenarios::VersionCheck* check;
};

struct CheckRun {
  std::vector<scenarios::CheckResult> results;  // in pair order
  std::optional<std::string> error;             // a trace that could not be written
};

/// Runs `pairs`; pairs an interrupt kept from starting are incomplete results.
CheckRun run_pairs(const std::vector<Pair>& pairs, const CheckOptions& options,
                   std::optional<std::chrono::steady_clock::time_point> deadline, uint32_t jobs,
                   CheckProgress& progress);

}  // namespace resvcheck::tools
