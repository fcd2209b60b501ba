// Checking one (scenario, version): explore the scenario's program, gather the finding kinds and
// judge them against the version's expectation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "scheduler/config.h"
#include "scheduler/explorer.h"

namespace resvcheck::scenarios {

/// A finding's witness replayed step by step through the same engine (for its trace file and the
/// report's lockdep-style block).
struct WitnessReplay {
  sched::ReplayResult run;
  /// The step at which the finding recurred: for lock_order, the step that showed the witnessed
  /// edge. None if it did not recur (a nondeterministic model).
  std::optional<uint32_t> step;
  /// The index in run.findings / run.views of the finding (none for lock_order).
  std::optional<size_t> raised;
  std::string edge;  // lock_order: the observation key of the witnessed edge
  /// lock_order: the index in run.observations of the edge's observation.
  std::optional<size_t> observed;
};

/// Who took a lock-order edge in its witness execution, and what that thread was doing.
struct EdgeTaker {
  std::string thread;
  sched::ThreadView view;
};

struct CheckResult {
  std::string scenario;  // its name
  std::string file;      // as the user named it or as the folder walk found it
  model::Version version = model::Version::v6_4;
  Expectation expected;
  KindSet found;
  Status status = Status::error;
  sched::ExplorationResult exploration;
  std::vector<WitnessReplay> witnesses;  // parallel to exploration.findings
  /// By the observation key of each lock-order edge the exploration showed.
  std::map<std::string, EdgeTaker, std::less<>> edge_takers;
};

CheckResult check(const Scenario& scenario, std::string file, const VersionCheck& version,
                  const sched::Config& config);

}  // namespace resvcheck::scenarios
