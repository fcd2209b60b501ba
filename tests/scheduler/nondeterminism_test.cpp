// A model that does not do the same thing when re-run is an error, never a silent miss: both in
// plain dpor (a replayed prefix that no longer fits) and in the determinism check mode.
#include <string>

#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::testprog {
namespace {

// Two writers of one object; from the second execution on, the second writer is gone, so the
// backtrack point DPOR recorded for it no longer fits.
sched::Program drifting(int* executions) {
  return [executions] {
    const int n = (*executions)++;
    const sched::ObjectId a = sched::new_object("a");
    sched::spawn("w1", [a] { sched::visible(a, sched::Access::write); });
    if (n == 0) sched::spawn("w2", [a] { sched::visible(a, sched::Access::write); });
  };
}

}  // namespace

TEST_GROUP(Nondeterminism){};

TEST(Nondeterminism, AReplayedPrefixThatNoLongerFitsIsAnError) {
  int executions = 0;
  sched::Config c = dpor();
  c.check_determinism = false;
  const sched::ExplorationResult r = sched::explore(drifting(&executions), c);
  CHECK(r.error.has_value());
  CHECK(r.error->find("nondeterministic model") != std::string::npos);
}

TEST(Nondeterminism, TheDeterminismCheckComparesRunnableSets) {
  int executions = 0;
  sched::Config c = dpor();
  c.check_determinism = true;
  const sched::ExplorationResult r = sched::explore(drifting(&executions), c);
  CHECK(r.error.has_value());
  CHECK(r.error->find("nondeterministic model") != std::string::npos);
}

TEST(Nondeterminism, ADeterministicModelPassesTheCheck) {
  int executions = 0;
  sched::Config c = dpor();
  c.check_determinism = true;
  const sched::ExplorationResult r = sched::explore(
      [&executions] {
        ++executions;
        const sched::ObjectId a = sched::new_object("a");
        for (const char* name : {"w1", "w2"})
          sched::spawn(name, [a] { sched::visible(a, sched::Access::write); });
      },
      c);
  CHECK(!r.error.has_value());
  UNSIGNED_LONGS_EQUAL(2, r.stats.executions);
  UNSIGNED_LONGS_EQUAL(4, executions);  // each complete execution re-run once
}

}  // namespace resvcheck::testprog
