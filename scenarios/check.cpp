#include "scenarios/check.h"

#include <algorithm>

#include "model/lock_graph.h"
#include "scenarios/program_builder.h"

namespace resvcheck::scenarios {
namespace {

/// lock_order is a property of the whole exploration, not of one execution: the engine cannot
/// raise it, so it joins the findings here, from the union of the lock-order edges.
void add_lock_order(sched::ExplorationResult& exploration) {
  auto k = model::lock_order_finding(model::LockGraph(exploration.observations));
  if (!k) return;
  auto& findings = exploration.findings;
  const auto at = std::find_if(findings.begin(), findings.end(), [](const sched::KindSummary& f) {
    return f.kind > sched::FindingKind::lock_order;
  });
  findings.insert(at, std::move(*k));
}

}  // namespace

CheckResult check(const Scenario& scenario, std::string file, const VersionCheck& version,
                  const sched::Config& config) {
  sched::ExplorationResult exploration =
      sched::explore(build_program(scenario, version.version), config);
  if (!exploration.error) add_lock_order(exploration);
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
