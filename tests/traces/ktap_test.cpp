// KTAP version 1 output of a check run: version line, plan, one numbered result per
// (scenario, version), SKIP for incomplete, diagnostics before each result line.
#include "traces/ktap.h"

#include <sstream>
#include <string>

#include "tests/traces/check_results_support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::traces {

TEST_GROUP(Ktap){};

TEST(Ktap, OneNumberedTestPerScenarioVersion) {
  std::ostringstream out;
  write_ktap(out, testing::mixed_results());
  STRCMP_EQUAL(
      "KTAP version 1\n"
      "1..4\n"
      "# abba v6.5: deadlock; 3 executions (complete)\n"
      "ok 1 abba v6.5\n"
      "# vmap <&> \"balance\" v6.16: expected clean, found underflow; 3 executions (complete)\n"
      "# underflow: drm_gem_shmem_vunmap_locked: vmap_use_count of 'bo' decremented at 0 # <&> "
      "[thread 'unmapper'; witness: 1 preemption, 6 steps; seen in 2 executions at 1 site]\n"
      "not ok 2 vmap <&> \"balance\" v6.16\n"
      "# big v6.4: expected deadlock, found nothing so far (max_executions); 3 executions "
      "(incomplete: max_executions)\n"
      "ok 3 big v6.4 # SKIP incomplete: expected deadlock, found nothing so far "
      "(max_executions)\n"
      "# broken v6.10: error: fiber stack overflow in thread 't1'\n"
      "not ok 4 broken v6.10\n",
      out.str().c_str());
}

TEST(Ktap, NoResultsIsAnEmptyPlan) {
  std::ostringstream out;
  write_ktap(out, {});
  STRCMP_EQUAL("KTAP version 1\n1..0\n", out.str().c_str());
}

TEST(Ktap, DescriptionsCarryNoHashAndDiagnosticsNoBareLines) {
  auto results = testing::mixed_results();
  results.resize(2);
  results[0].scenario = "a#b";
  results[1].exploration.findings[0].finding.message = "two\nlines";
  std::ostringstream out;
  write_ktap(out, results);
  std::istringstream lines(out.str());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (n <= 2) continue;  // version and plan
    const bool result = line.rfind("ok ", 0) == 0 || line.rfind("not ok ", 0) == 0;
    CHECK_TEXT(result || line.rfind("# ", 0) == 0, line.c_str());
    if (result) CHECK_TEXT(line.find('#') == std::string::npos, line.c_str());
  }
  CHECK(out.str().find("ok 1 a_b v6.5\n") != std::string::npos);
  CHECK(out.str().find("\n# lines [thread 'unmapper';") != std::string::npos);
}

}  // namespace resvcheck::traces
