// The setup thread runs alone, before every other thread starts, and its steps are not
// scheduling decisions.
#include <set>
#include <string>

#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::testprog {
namespace {

struct Flag {
  sched::ObjectId id = sched::new_object("x");
  int value = 0;
};

// Setup sets x; the thread reads x before its first visible operation (its own local code).
sched::Program setup_then_thread(std::set<int>* seen) {
  return [seen] {
    Flag* x = sched::make<Flag>();
    sched::spawn_setup("setup", [x] {
      sched::visible(x->id, sched::Access::write);
      x->value = 1;
    });
    sched::spawn("t", [x, seen] {
      seen->insert(x->value);  // runs when the thread starts
      sched::visible(x->id, sched::Access::read);
    });
  };
}

}  // namespace

TEST_GROUP(Setup){};

TEST(Setup, RunsAloneBeforeTheThreadsStart) {
  std::set<int> seen;
  const sched::ExplorationResult r = sched::explore(setup_then_thread(&seen), dpor());
  CHECK(!r.error.has_value());
  UNSIGNED_LONGS_EQUAL(1, r.stats.executions);
  CHECK(seen == std::set<int>{1});
}

TEST(Setup, ItsStepsAreNotDecisions) {
  std::set<int> seen;
  const sched::ReplayResult r =
      sched::replay(setup_then_thread(&seen), {sched::Decision::thread(0)}, dpor());
  CHECK(!r.divergence.has_value());
  UNSIGNED_LONGS_EQUAL(2, r.steps.size());
  CHECK(r.steps[0].setup);
  CHECK_EQUAL(sched::kSetupThread, r.steps[0].thread);
  CHECK(!r.steps[1].setup);
  UNSIGNED_LONGS_EQUAL(1, r.followed.size());
}

TEST(Setup, ASelfDeadlockInSetupIsReportedAndTheThreadsStillRun) {
  std::set<int> seen;
  const sched::ExplorationResult r = sched::explore(
      [&seen] {
        Flag* x = sched::make<Flag>();
        sched::spawn_setup("setup", [x] {
          const sched::ThreadId me = sched::current_thread();
          sched::visible(x->id, [me] { return sched::Readiness{sched::Access::acquire, me}; });
        });
        sched::spawn("t", [x, &seen] {
          sched::visible(x->id, sched::Access::write);
          seen.insert(2);
        });
      },
      dpor());
  STRCMP_EQUAL("self_deadlock", kind_list(r).c_str());
  CHECK(seen == std::set<int>{2});
}

}  // namespace resvcheck::testprog
