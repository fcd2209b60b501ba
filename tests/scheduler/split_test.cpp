// An unbounded exploration split into subtrees (split_exploration.h) explores the same traces as
// the sequential search: the same complete executions, findings, witnesses and counts. Only the
// work (redundant executions, steps, prefixes) may differ.
#include <string>

#include "scheduler/split_exploration.h"
#include "scheduler/worker_budget.h"
#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

std::string summary(const sched::ExplorationResult& r) {
  std::string s = "executions " + std::to_string(r.stats.executions) + ", max_depth " +
                  std::to_string(r.stats.max_depth) + (r.stats.complete ? ", complete" : "") +
                  (r.error ? ", error " + *r.error : "") + "\n";
  for (const sched::KindSummary& k : r.findings) {
    s += std::string(sched::finding_kind_name(k.kind)) + " in " + std::to_string(k.executions) +
         " executions, " + std::to_string(k.sites) + " sites, '" + k.finding.message + "' by " +
         k.thread_name + ", witness";
    for (const sched::Decision& d : k.witness) s += " " + std::to_string(d.value);
    s += " (" + std::to_string(k.preemptions) + " preemptions, " + std::to_string(k.steps) +
         " steps)\n";
  }
  return s;
}

}  // namespace

TEST_GROUP(Split){
    // Explores `p` sequentially and split (with one helper thread), and compares the results;
    // returns the split one.
    sched::ExplorationResult both(const sched::Program& p, sched::Config c,
                                  const std::string& what){
        const sched::ExplorationResult sequential = sched::explore(p, c);
sched::WorkerBudget idle(1);
c.helpers = &idle;
CHECK_TEXT(sched::splittable(c), what.c_str());
sched::ExplorationResult split = sched::explore(p, c);
STRCMP_EQUAL_TEXT(summary(sequential).c_str(), summary(split).c_str(), what.c_str());
UNSIGNED_LONGS_EQUAL_TEXT(0, sequential.stats.subtrees, what.c_str());
// The helper was given back.
CHECK_TEXT(idle.try_take() && !idle.try_take(), what.c_str());
return split;
}
}
;

// lockinc(5): every top decision is a lock or a forced unlock; the three branching ones give
// 5 * 4 * 3 subtrees of 2 executions each.
TEST(Split, LockIncSubtrees) {
  const sched::ExplorationResult r = both(lockinc(5), dpor(), "lockinc(5)");
  UNSIGNED_LONGS_EQUAL(120, r.stats.executions);
  UNSIGNED_LONGS_EQUAL(60, r.stats.subtrees);
  UNSIGNED_LONGS_EQUAL(0, r.stats.redundant);
}

TEST(Split, SameTracesAsSequentialDpor) {
  for (int n = 1; n <= 6; ++n) both(lockinc(n), dpor(), "lockinc(" + std::to_string(n) + ")");
  both(lockinc(5, {.mutexes = 2}), dpor(), "lockinc(5, 2 mutexes)");
  both(lockinc(4, {.counter = true, .own_write = true}), dpor(), "lockinc(4, counter, own)");
  for (int n = 1; n <= 5; ++n) {
    both(readers(n, 1), dpor(), "readers(" + std::to_string(n) + ")");
    both(readers(n, 2), dpor(), "readers(" + std::to_string(n) + ", 2 writers)");
    both(lastzero(n), dpor(), "lastzero(" + std::to_string(n) + ")");
    both(shared_writer(n), dpor(), "shared_writer(" + std::to_string(n) + ")");
  }
  both(lastzero(4, true), dpor(), "lastzero(4, full scan)");
  both(write_locks(), dpor(), "write_locks");
  both(trylock_race(), dpor(), "trylock_race");
}

// Findings: per kind the same count, sites and normal-form witness, whichever subtree saw it.
TEST(Split, SameFindingsAndWitnesses) {
  const sched::ExplorationResult r = both(abba(), dpor(), "abba");
  STRCMP_EQUAL("deadlock", kind_list(r).c_str());
  both(lock_cycle(3), dpor(), "lock_cycle(3)");
  both(self_relock(true), dpor(), "self_relock(shared)");
  both(self_relock(false), dpor(), "self_relock");
  both(spin(false), dpor(), "spin (step limit)");
}

TEST(Split, SameExecutionsAsSequentialDfs) {
  const sched::ExplorationResult r = both(lockinc(4), dfs(), "dfs lockinc(4)");
  UNSIGNED_LONGS_EQUAL(24, r.stats.executions);
  both(lastzero(3), dfs(), "dfs lastzero(3)");
  both(abba(), dfs(), "dfs abba");
}

// A preemption bound, random and pct are never split: which executions a bounded search explores
// depends on the order it explores them in. Nor is a search when no thread is idle.
TEST(Split, OnlyUnboundedTreeSearchesSplit) {
  sched::WorkerBudget idle(1);
  sched::Config c = dpor(2);
  c.helpers = &idle;
  CHECK_FALSE(sched::splittable(c));
  c = dfs(0);
  c.helpers = &idle;
  CHECK_FALSE(sched::splittable(c));
  c = config_of(sched::StrategyKind::random);
  c.helpers = &idle;
  CHECK_FALSE(sched::splittable(c));
  c = dpor();
  CHECK_FALSE(sched::splittable(c));  // no helpers
  c.helpers = &idle;
  CHECK(sched::splittable(c));
  CHECK(idle.try_take());
  CHECK_FALSE(sched::splittable(c));  // none idle now: the sequential search is better
}

// max_executions stops a split exploration at exactly that many, like a sequential one.
TEST(Split, StopsAtMaxExecutions) {
  sched::WorkerBudget idle(1);
  sched::Config c = dpor();
  c.helpers = &idle;
  c.max_executions = 100;
  const sched::ExplorationResult r = sched::explore(lockinc(6), c);
  UNSIGNED_LONGS_EQUAL(100, r.stats.executions);
  CHECK_FALSE(r.stats.complete);
  STRCMP_EQUAL("max_executions", r.stopped_by.c_str());
}
