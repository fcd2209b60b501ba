// Deadlocks the engine raises itself: lock cycles (needing one preemption), a cycle serialized by
// an outer lock (none), and a thread relocking a mutex it holds (self_deadlock, others run on).
#include <string>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;
using sched::FindingKind;

TEST_GROUP(Deadlocks){};

TEST(Deadlocks, AbbaNeedsOnePreemption) {
  sched::ExplorationResult r0 = sched::explore(abba(), dpor(0));
  CHECK(r0.stats.complete);
  STRCMP_EQUAL("", kind_list(r0).c_str());

  sched::ExplorationResult r1 = sched::explore(abba(), dpor(1));
  CHECK(r1.stats.complete);
  STRCMP_EQUAL("deadlock", kind_list(r1).c_str());
  const sched::KindSummary* d = find_kind(r1, FindingKind::deadlock);
  UNSIGNED_LONGS_EQUAL(1, d->preemptions);
  // Normal form: t0 takes A, t1 takes B, nobody can move.
  UNSIGNED_LONGS_EQUAL(2, d->witness.size());
  UNSIGNED_LONGS_EQUAL(2, d->steps);
  CHECK(d->witness[0].kind == sched::Decision::Kind::thread);
  CHECK(d->witness[1].kind == sched::Decision::Kind::thread);
  CHECK(d->witness[0].value < d->witness[1].value);
}

// Unbounded: t0 first, t1 first, or the deadlock: 3 traces.
TEST(Deadlocks, AbbaUnbounded) {
  sched::ExplorationResult r = sched::explore(abba(), dpor());
  CHECK(r.stats.complete);
  UNSIGNED_LONGS_EQUAL(3, r.stats.executions);
  STRCMP_EQUAL("deadlock", kind_list(r).c_str());
  UNSIGNED_LONGS_EQUAL(1, find_kind(r, FindingKind::deadlock)->preemptions);
  UNSIGNED_LONGS_EQUAL(1, find_kind(r, FindingKind::deadlock)->executions);
}

// Three threads, each taking m[i] then m[i+1]: 3! serial orders plus the deadlock: 7 traces. One
// preemption suffices (t0 takes m0, t2 takes m2 and blocks on m0, t1 takes m1 and blocks), but
// the witness is reported in normal form, t0 t1 t2, which preempts t0 and t1: 2.
TEST(Deadlocks, ThreeThreadCycle) {
  sched::ExplorationResult r = sched::explore(lock_cycle(3), dpor());
  CHECK(r.stats.complete);
  UNSIGNED_LONGS_EQUAL(7, r.stats.executions);
  STRCMP_EQUAL("deadlock", kind_list(r).c_str());
  const sched::KindSummary* d = find_kind(r, FindingKind::deadlock);
  UNSIGNED_LONGS_EQUAL(2, d->preemptions);
  UNSIGNED_LONGS_EQUAL(3, d->steps);
  UNSIGNED_LONGS_EQUAL(3, d->witness.size());
  for (uint32_t i = 0; i < 3; ++i)
    UNSIGNED_LONGS_EQUAL(d->witness[0].value + i, d->witness[i].value);

  STRCMP_EQUAL("", kind_list(sched::explore(lock_cycle(3), dpor(0))).c_str());
  STRCMP_EQUAL("deadlock", kind_list(sched::explore(lock_cycle(3), dpor(1))).c_str());
}

TEST(Deadlocks, SerializedAbbaIsNoDeadlock) {
  for (auto config : {dpor(), dpor(0), dpor(2), dfs()}) {
    Outcomes out;
    sched::ExplorationResult r = sched::explore(abba_serialized(&out), config);
    CHECK(r.stats.complete);
    STRCMP_EQUAL("", kind_list(r).c_str());
    UNSIGNED_LONGS_EQUAL(1, out.states.size());
    STRCMP_EQUAL("v= | t0:0/3/done t1:0/3/done", out.states.begin()->c_str());
  }
  UNSIGNED_LONGS_EQUAL(2, sched::explore(abba_serialized(), dpor()).stats.executions);
}

// t0 relocks a: self_deadlock at its second lock, t0 parked for good; t1 (on its own mutex b)
// runs to its end in the same execution: x = 1 and t1 finished its 3 operations.
TEST(Deadlocks, SelfDeadlockLetsOthersFinish) {
  Outcomes out;
  sched::ExplorationResult r = sched::explore(self_relock(false, &out), dpor());
  CHECK(r.stats.complete);
  UNSIGNED_LONGS_EQUAL(1, r.stats.executions);
  STRCMP_EQUAL("self_deadlock", kind_list(r).c_str());
  const sched::KindSummary* s = find_kind(r, FindingKind::self_deadlock);
  STRCMP_EQUAL("t0", s->thread_name.c_str());
  UNSIGNED_LONGS_EQUAL(0, s->preemptions);
  UNSIGNED_LONGS_EQUAL(1, out.states.size());
  STRCMP_EQUAL("v=1 | t0:0/1/done t1:0/3/done", out.states.begin()->c_str());
}

// When t1 needs the mutex the parked t0 holds, t1 waits forever: a deadlock besides the
// self_deadlock, in the execution where t0 locks a first.
TEST(Deadlocks, SelfDeadlockHoldingWhatOthersNeed) {
  Outcomes out;
  sched::ExplorationResult r = sched::explore(self_relock(true, &out), dpor());
  CHECK(r.stats.complete);
  UNSIGNED_LONGS_EQUAL(2, r.stats.executions);
  STRCMP_EQUAL("deadlock,self_deadlock", kind_list(r).c_str());
  UNSIGNED_LONGS_EQUAL(2, out.states.size());
  CHECK(out.states.count("v=1 | t0:0/1/done t1:0/3/done"));
  CHECK(out.states.count("v=1 | t0:0/1/done t1:0/1/blocked"));
}
