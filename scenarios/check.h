// Checking one (scenario, version): explore the scenario's program, gather the finding kinds and
// judge them against the version's expectation.
#pragma once

#include <string>

#include "scenarios/scenario.h"
#include "scheduler/config.h"
#include "scheduler/explorer.h"

namespace resvcheck::scenarios {

struct CheckResult {
  std::string scenario;  // its name
  std::string file;      // as the user named it or as the folder walk found it
  model::Version version = model::Version::v6_4;
  Expectation expected;
  KindSet found;
  Status status = Status::error;
  sched::ExplorationResult exploration;
};

CheckResult check(const Scenario& scenario, std::string file, const VersionCheck& version,
                  const sched::Config& config);

}  // namespace resvcheck::scenarios
