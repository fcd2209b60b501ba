// Exact execution counts under dpor (Optimal DPOR with wakeup trees, no bound): complete
// executions equal the number of Mazurkiewicz traces (sleep sets never let two equivalent
// executions both complete; the wakeup sequences reach every trace), and none is redundant. Each
// count has a mutation that must change it.
#include <string>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

sched::ExplorationResult run(const sched::Program& p, const sched::Config& c = dpor()) {
  sched::ExplorationResult r = sched::explore(p, c);
  CHECK_TEXT(!r.error, r.error.value_or("").c_str());
  CHECK_TEXT(r.stats.complete, "exploration incomplete");
  return r;
}

// Also checks that the executions are pairwise distinct traces (the normal forms World computes).
void expect(const ProgramOf& make, uint64_t executions, const std::string& what,
            std::optional<uint64_t> redundant = 0, std::optional<uint32_t> depth = {}) {
  Outcomes out;
  sched::ExplorationResult r = run(make(&out));
  UNSIGNED_LONGS_EQUAL_TEXT(executions, out.traces.size(), (what + ": distinct traces").c_str());
  UNSIGNED_LONGS_EQUAL_TEXT(executions, r.stats.executions, (what + ": executions").c_str());
  if (redundant)
    UNSIGNED_LONGS_EQUAL_TEXT(*redundant, r.stats.redundant, (what + ": redundant").c_str());
  if (depth) UNSIGNED_LONGS_EQUAL_TEXT(*depth, r.stats.max_depth, (what + ": max_depth").c_str());
  STRCMP_EQUAL_TEXT("", kind_list(r).c_str(), (what + ": findings").c_str());
}

uint64_t factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

}  // namespace

TEST_GROUP(DporCounts){};

// n threads on n distinct objects: everything commutes, one trace of n events.
TEST(DporCounts, IndependentIsOneExecution) {
  for (int n = 1; n <= 6; ++n)
    expect([n](Outcomes* o) { return independent(n, 1, o); }, 1,
           "independent(" + std::to_string(n) + ")", 0, n);
  expect([](Outcomes* o) { return independent(3, 2, o); }, 1, "independent(3, 2 writes)", 0, 6);
}

// Mutation: the same n writes on one object are pairwise dependent: n! orders.
TEST(DporCounts, SharedWriterIsFactorial) {
  for (int n = 1; n <= 5; ++n)
    expect([n](Outcomes* o) { return shared_writer(n, o); }, factorial(n),
           "shared_writer(" + std::to_string(n) + ")", 0, n);
}

// One mutex: the critical sections are totally ordered by their acquires, n! traces.
TEST(DporCounts, LockIncIsFactorial) {
  for (int n = 2; n <= 6; ++n)
    expect([n](Outcomes* o) { return lockinc(n, {}, o); }, factorial(n),
           "lockinc(" + std::to_string(n) + ")", 0, 2 * n);
}

// Visible counter accesses inside the critical section add no ordering of their own.
TEST(DporCounts, LockIncWithCounterIsFactorial) {
  for (int n = 2; n <= 5; ++n)
    expect([n](Outcomes* o) { return lockinc(n, {.counter = true}, o); }, factorial(n),
           "lockinc(" + std::to_string(n) + ", counter)", 0, 4 * n);
}

// An own-object write before the lock commutes with everything: still n!. Mutation: reversing
// the race of a release with the next (blocking) acquisition, which cannot run before it, wastes
// executions where the acquiring thread can run at the release (its own write): lockinc(5), 64
// redundant for 120.
TEST(DporCounts, LockIncWithOwnWriteIsFactorial) {
  for (int n = 2; n <= 4; ++n)
    expect([n](Outcomes* o) { return lockinc(n, {.own_write = true}, o); }, factorial(n),
           "lockinc(" + std::to_string(n) + ", own write)", 0, 3 * n);
}

// Mutation: thread i takes mutex i % 2, so only the ceil(n/2) even and the floor(n/2) odd
// threads are ordered among themselves: ceil(n/2)! * floor(n/2)!.
TEST(DporCounts, LockIncOnTwoMutexes) {
  const uint64_t expected[] = {0, 0, 1, 2, 4, 12, 36};
  for (int n = 2; n <= 6; ++n)
    expect([n](Outcomes* o) { return lockinc(n, {.mutexes = 2}, o); }, expected[n],
           "lockinc(" + std::to_string(n) + ", 2 mutexes)", 0, 2 * n);
}

// Each reader reads before or after the single write: 2^n.
TEST(DporCounts, ReadersIsPowerOfTwo) {
  for (int n = 1; n <= 8; ++n)
    expect([n](Outcomes* o) { return readers(n, 1, o); }, uint64_t{1} << n,
           "readers(" + std::to_string(n) + ")", 0, n + 1);
}

// Mutation: a second writer. The writes are ordered (2 ways) and each reader sits before both,
// between or after them: 2 * 3^n.
TEST(DporCounts, ReadersWithTwoWriters) {
  uint64_t pow3 = 1;
  for (int n = 1; n <= 5; ++n) {
    pow3 *= 3;
    expect([n](Outcomes* o) { return readers(n, 2, o); }, 2 * pow3,
           "readers(" + std::to_string(n) + ", 2 writers)", 0, n + 2);
  }
}

// Source-DPOR paper: lastzero(n) has (n + 3) * 2^(n - 2) traces. Source-DPOR explores redundant
// (sleep-set blocked) executions here; the wakeup trees of Optimal DPOR none (lastzero(10): 11,951
// redundant for 3,328 before them).
TEST(DporCounts, LastZero) {
  const uint64_t expected[] = {0, 2, 5, 12, 28, 64};
  for (int n = 1; n <= 5; ++n)
    expect([n](Outcomes* o) { return lastzero(n, false, o); }, expected[n],
           "lastzero(" + std::to_string(n) + ")", 0, 3 * n + 1);
}

// Mutation: thread 0 scans every cell (n + 1 reads) instead of stopping at the first zero.
// Counts from an independent brute-force enumeration of all interleavings grouped by trace.
TEST(DporCounts, LastZeroFullScan) {
  const uint64_t expected[] = {0, 2, 7, 24, 82};
  for (int n = 1; n <= 4; ++n)
    expect([n](Outcomes* o) { return lastzero(n, true, o); }, expected[n],
           "lastzero(" + std::to_string(n) + ", full scan)", 0, 3 * n + 1);
}

// A lock made of plain writes (as the model's wound-wait mutexes are): in the trace where t0's
// section comes first but t1's first write comes before t0's lock, the race of t0's lock with
// t1's unlock cannot be reversed where the unlock ran (t0 is blocked there), so the race with
// t1's lock before it must be. Without that reach back, 3 of the 4 traces.
TEST(DporCounts, WriteLocksReachBackPastABlockedRace) {
  expect([](Outcomes* o) { return write_locks(o); }, 4, "write_locks", 0, 6);
}

// Lock cycles deadlock in some traces: blocked acquisitions are the unfinished events DPOR must
// still reverse. Every trace once, none redundant.
TEST(DporCounts, LockCyclesDeadlockWithoutRedundancy) {
  const uint64_t expected[] = {0, 0, 3, 7, 15};
  for (int k = 2; k <= 4; ++k) {
    const std::string what = "lock_cycle(" + std::to_string(k) + ")";
    Outcomes out;
    const sched::ExplorationResult r = sched::explore(lock_cycle(k, &out), dpor());
    CHECK_TEXT(r.stats.complete, what.c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(expected[k], r.stats.executions, (what + ": executions").c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(expected[k], out.traces.size(), (what + ": traces").c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(0, r.stats.redundant, (what + ": redundant").c_str());
    STRCMP_EQUAL_TEXT("deadlock", kind_list(r).c_str(), what.c_str());
  }
}
