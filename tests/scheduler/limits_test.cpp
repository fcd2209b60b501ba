// Budgets and failures: step_limit cuts one execution and exploration goes on; max_executions,
// cancellation and deadlines cut the exploration (incomplete, with the reason); a fiber stack
// overflow voids the result instead of crashing, and the engine stays usable.
#include <atomic>
#include <chrono>
#include <string>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;
using sched::FindingKind;

TEST_GROUP(Limits){};

// A lone spinning thread: one execution, cut at 50 steps.
TEST(Limits, StepLimitOnEndlessLoop) {
  sched::Config c = dpor();
  c.max_steps = 50;
  sched::ExplorationResult r = sched::explore(spin(false), c);
  CHECK(!r.error.has_value());
  CHECK(r.stats.complete);
  UNSIGNED_LONGS_EQUAL(1, r.stats.executions);
  STRCMP_EQUAL("step_limit", kind_list(r).c_str());
  UNSIGNED_LONGS_EQUAL(50, r.stats.max_depth);
  const sched::KindSummary* s = find_kind(r, FindingKind::step_limit);
  UNSIGNED_LONGS_EQUAL(50, s->steps);
}

// With a setter the spin ends in most executions; only the ones where the setter never ran
// within the budget hit the limit, and exploration still completes.
TEST(Limits, StepLimitWithSetterStillCompletes) {
  sched::Config c = dpor();
  c.max_steps = 50;
  sched::ExplorationResult r = sched::explore(spin(true), c);
  CHECK(!r.error.has_value());
  CHECK(r.stats.complete);
  STRCMP_EQUAL("step_limit", kind_list(r).c_str());
  // The write lands after k = 0 .. 48 reads (then one last read ends the loop within 50 steps),
  // or is cut: after 49 reads and the write the final read is step 51; or 50 reads and no write.
  UNSIGNED_LONGS_EQUAL(51, r.stats.executions);
  UNSIGNED_LONGS_EQUAL(2, find_kind(r, FindingKind::step_limit)->executions);
}

TEST(Limits, MaxExecutionsCutsTheExploration) {
  sched::Config c = dpor();
  c.max_executions = 3;
  sched::ExplorationResult r = sched::explore(lockinc(4), c);
  CHECK(!r.error.has_value());
  CHECK(!r.stats.complete);
  UNSIGNED_LONGS_EQUAL(3, r.stats.executions);
  STRCMP_EQUAL("max_executions", r.stopped_by.c_str());

  c.max_executions = 24;  // exactly enough: complete
  sched::ExplorationResult all = sched::explore(lockinc(4), c);
  CHECK(all.stats.complete);
  UNSIGNED_LONGS_EQUAL(24, all.stats.executions);
  STRCMP_EQUAL("", all.stopped_by.c_str());
}

TEST(Limits, CancelledBeforeStart) {
  std::atomic<bool> cancel{true};
  sched::Config c = dfs();
  c.cancel = &cancel;
  sched::ExplorationResult r = sched::explore(lastzero(4), c);
  CHECK(!r.stats.complete);
  STRCMP_EQUAL("cancelled", r.stopped_by.c_str());
  CHECK(r.stats.executions < 44300);
}

TEST(Limits, DeadlineInThePast) {
  sched::Config c = dfs();
  c.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  sched::ExplorationResult r = sched::explore(lastzero(4), c);
  CHECK(!r.stats.complete);
  STRCMP_EQUAL("time_limit", r.stopped_by.c_str());
}

// 1 KiB frames, 100,000 levels: far beyond a 64 KiB stack. The guard page turns the overflow into
// result.error; the next exploration (same process, pooled stacks) works normally.
TEST(Limits, StackOverflowIsAnError) {
  sched::Config small = dpor();
  small.stack_size = 64 * 1024;
  sched::ExplorationResult r = sched::explore(deep_recursion(100'000), small);
  CHECK_TEXT(r.error.has_value(), "stack overflow not reported");

  sched::ExplorationResult shallow = sched::explore(deep_recursion(8), small);
  CHECK_TEXT(!shallow.error.has_value(), shallow.error.value_or("").c_str());
  UNSIGNED_LONGS_EQUAL(1, shallow.stats.executions);

  sched::ExplorationResult after = sched::explore(lockinc(3), dpor());
  CHECK(!after.error.has_value());
  CHECK(after.stats.complete);
  UNSIGNED_LONGS_EQUAL(6, after.stats.executions);

  // The first spawned thread is thread 0 (ids are dense, in creation order).
  sched::ReplayResult rep =
      sched::replay(deep_recursion(100'000), {sched::Decision::thread(0)}, small);
  CHECK_TEXT(rep.error.has_value(), "stack overflow not reported by replay");
}

// The determinism check re-runs every complete execution; a deterministic program passes.
TEST(Limits, DeterminismCheckPasses) {
  sched::Config c = dpor();
  c.check_determinism = true;
  sched::ExplorationResult r = sched::explore(lastzero(3), c);
  CHECK_TEXT(!r.error.has_value(), r.error.value_or("").c_str());
  UNSIGNED_LONGS_EQUAL(12, r.stats.executions);
}
