// The bundled catalogue: every scenario loads and meets its expectation in every version it
// checks (the golden run of scenarios/catalog).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// The exploration limits a scenario's `bounds` set, over the defaults (as `resvcheck check`
/// runs it without flags).
sched::Config config_of(const Bounds& b) {
  sched::Config c;
  c.preemption_bound = b.preemptions;
  c.max_steps = b.max_steps.value_or(c.max_steps);
  c.max_executions = b.max_executions.value_or(c.max_executions);
  return c;
}

}  // namespace

TEST_GROUP(Catalog){};

TEST(Catalog, EveryScenarioMeetsItsExpectation) {
  int checked = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(RESVCHECK_SOURCE_DIR "/scenarios/catalog")) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    const LoadResult r = load_scenario(text.str());
    if (!r.problems.empty()) FAIL((e.path().string() + ": " + r.problems[0].message).c_str());
    for (const VersionCheck& v : r.scenario->checks) {
      const CheckResult c = check(*r.scenario, e.path().string(), v, config_of(r.scenario->bounds));
      if (c.status != Status::pass)
        FAIL((e.path().string() + " " + std::string(model::version_name(v.version)) + ": " +
              std::string(status_name(c.status)))
                 .c_str());
      ++checked;
    }
  }
  CHECK_TRUE(checked >= 132);  // mutex/ and ww_mutex/: 6 + 27 scenarios x 4 versions
}

}  // namespace resvcheck::scenarios
