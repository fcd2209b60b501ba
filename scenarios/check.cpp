#include "scenarios/check.h"

#include "scenarios/program_builder.h"

namespace resvcheck::scenarios {

CheckResult check(const Scenario& scenario, std::string file, const VersionCheck& version,
                  const sched::Config& config) {
  sched::ExplorationResult exploration = sched::explore(build_program(scenario), config);
  KindSet found;
  for (const sched::KindSummary& k : exploration.findings) found.insert(k.kind);
  const Status status = exploration.error
                            ? Status::error
                            : judge(version.expected, found, exploration.stats.complete);
  return {.scenario = scenario.name,
          .file = std::move(file),
          .version = version.version,
          .expected = version.expected,
          .found = found,
          .status = status,
          .exploration = std::move(exploration)};
}

}  // namespace resvcheck::scenarios
