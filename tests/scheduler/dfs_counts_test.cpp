// Reference counts for plain dfs: every interleaving of the visible operations, a blocked lock
// being a disabled thread (not an event). With a preemption bound, a switch away from a thread
// whose next operation is enabled costs one; switches after a thread ends or blocks are free. The
// counts were derived by hand where a formula is given and cross-checked by a brute-force
// enumerator.
#include <string>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

void expect(const sched::Program& p, std::optional<uint32_t> bound, uint64_t executions,
            const std::string& what) {
  sched::ExplorationResult r = sched::explore(p, dfs(bound));
  std::string label = what + (bound ? " bound " + std::to_string(*bound) : " unbounded");
  CHECK_TEXT(!r.error, r.error.value_or("").c_str());
  CHECK_TEXT(r.stats.complete, (label + ": incomplete").c_str());
  UNSIGNED_LONGS_EQUAL_TEXT(executions, r.stats.executions, label.c_str());
  UNSIGNED_LONGS_EQUAL_TEXT(0, r.stats.redundant, (label + ": redundant").c_str());
}

}  // namespace

TEST_GROUP(DfsCounts){};

// One write per thread: n! orders. Every switch happens after a thread ended, so bounds are moot.
TEST(DfsCounts, IndependentOneWrite) {
  const uint64_t expected[] = {0, 1, 2, 6, 24};
  for (int n = 1; n <= 4; ++n) {
    expect(independent(n), std::nullopt, expected[n], "independent(" + std::to_string(n) + ")");
    expect(independent(n), 0, expected[n], "independent(" + std::to_string(n) + ")");
  }
}

// Two writes per thread: 6! / (2! 2! 2!) = 90 interleavings of three threads, 4! / (2! 2!) = 6 of
// two. Bound 0 leaves the n! run-to-completion orders. Bound 1 on two threads adds ABBA and BAAB
// (4); on three threads 24; bound 2: 60.
TEST(DfsCounts, IndependentTwoWrites) {
  expect(independent(2, 2), std::nullopt, 6, "independent(2, 2)");
  expect(independent(2, 2), 0, 2, "independent(2, 2)");
  expect(independent(2, 2), 1, 4, "independent(2, 2)");
  expect(independent(2, 2), 2, 6, "independent(2, 2)");
  expect(independent(3, 2), std::nullopt, 90, "independent(3, 2)");
  expect(independent(3, 2), 0, 6, "independent(3, 2)");
  expect(independent(3, 2), 1, 24, "independent(3, 2)");
  expect(independent(3, 2), 2, 60, "independent(3, 2)");
}

// Once a thread holds the mutex every other thread is disabled until its release, which is its
// last event: the only freedom is the order of the critical sections, n! (= dpor's count), and
// no switch is ever a preemption.
TEST(DfsCounts, LockInc) {
  const uint64_t expected[] = {0, 1, 2, 6, 24, 120};
  for (int n = 2; n <= 5; ++n) {
    expect(lockinc(n), std::nullopt, expected[n], "lockinc(" + std::to_string(n) + ")");
    expect(lockinc(n), 0, expected[n], "lockinc(" + std::to_string(n) + ")");
    expect(lockinc(n, {.counter = true}), std::nullopt, expected[n],
           "lockinc(" + std::to_string(n) + ", counter)");
  }
}

// An own write w_i before lock/unlock: the other thread's write stays enabled while one thread
// holds the mutex. Per order of the critical sections, w1 (of the later thread) fits in 4 places
// before its lock: 8. Bound 0 keeps the 2 serial runs; bound 1 drops only "w0 w1 L0 ..." (two
// preemptions) in each order: 6. Three threads: 168, 6, 54 (enumerated).
TEST(DfsCounts, LockIncWithOwnWrite) {
  expect(lockinc(2, {.own_write = true}), std::nullopt, 8, "lockinc(2, own write)");
  expect(lockinc(2, {.own_write = true}), 0, 2, "lockinc(2, own write)");
  expect(lockinc(2, {.own_write = true}), 1, 6, "lockinc(2, own write)");
  expect(lockinc(3, {.own_write = true}), std::nullopt, 168, "lockinc(3, own write)");
  expect(lockinc(3, {.own_write = true}), 0, 6, "lockinc(3, own write)");
  expect(lockinc(3, {.own_write = true}), 1, 54, "lockinc(3, own write)");
}

// Two mutexes: lockinc(2) is two independent 2-event threads (6); lockinc(3) 30; lockinc(4) 280.
TEST(DfsCounts, LockIncOnTwoMutexes) {
  expect(lockinc(2, {.mutexes = 2}), std::nullopt, 6, "lockinc(2, 2 mutexes)");
  expect(lockinc(3, {.mutexes = 2}), std::nullopt, 30, "lockinc(3, 2 mutexes)");
  expect(lockinc(3, {.mutexes = 2}), 0, 6, "lockinc(3, 2 mutexes)");
  expect(lockinc(3, {.mutexes = 2}), 1, 16, "lockinc(3, 2 mutexes)");
  expect(lockinc(4, {.mutexes = 2}), std::nullopt, 280, "lockinc(4, 2 mutexes)");
  expect(lockinc(4, {.mutexes = 2}), 0, 24, "lockinc(4, 2 mutexes)");
  expect(lockinc(4, {.mutexes = 2}), 1, 88, "lockinc(4, 2 mutexes)");
}

// n + 1 single-event threads: (n + 1)!, with any bound.
TEST(DfsCounts, Readers) {
  const uint64_t expected[] = {0, 2, 6, 24, 120};
  for (int n = 1; n <= 4; ++n) {
    expect(readers(n), std::nullopt, expected[n], "readers(" + std::to_string(n) + ")");
    expect(readers(n), 0, expected[n], "readers(" + std::to_string(n) + ")");
  }
  expect(readers(2, 2), std::nullopt, 24, "readers(2, 2 writers)");
}

// lastzero(1): t0 reads a1 (0: done; 1: then a0). t1 reads a0, writes a1. Schedules: t0 first
// (r1), then t1 (2 events) = 1; t1 r0, t0 r1, t1 w1 = 1; t1 both, t0 r1 r0 = 1: 3 (bound 0: 2).
TEST(DfsCounts, LastZero) {
  expect(lastzero(1), std::nullopt, 3, "lastzero(1)");
  expect(lastzero(1), 0, 2, "lastzero(1)");
  expect(lastzero(2), std::nullopt, 35, "lastzero(2)");
  expect(lastzero(2), 0, 6, "lastzero(2)");
  expect(lastzero(2), 1, 19, "lastzero(2)");
  expect(lastzero(2), 2, 34, "lastzero(2)");
  expect(lastzero(3), std::nullopt, 920, "lastzero(3)");
  expect(lastzero(3), 0, 24, "lastzero(3)");
  expect(lastzero(3), 1, 142, "lastzero(3)");
  expect(lastzero(3), 2, 451, "lastzero(3)");
  expect(lastzero(4), std::nullopt, 44300, "lastzero(4)");
}

// ABBA: the two serial runs, the two deadlocks (t0 takes A and t1 takes B, in either order), and
// the two runs where the second thread takes its first lock right after the first thread's first
// unlock (one preemption): 6; bound 0: 2. Three-thread cycle (enumerated): 168; bound 0: 6, the
// serial runs; 1: 57; 2: 129.
TEST(DfsCounts, LockCycles) {
  expect(abba(), std::nullopt, 6, "abba");
  expect(abba(), 0, 2, "abba");
  expect(abba(), 1, 6, "abba");
  expect(lock_cycle(3), std::nullopt, 168, "lock_cycle(3)");
  expect(lock_cycle(3), 0, 6, "lock_cycle(3)");
  expect(lock_cycle(3), 1, 57, "lock_cycle(3)");
  expect(lock_cycle(3), 2, 129, "lock_cycle(3)");
  expect(abba_serialized(), std::nullopt, 2, "abba_serialized");
}

// t0: lock a, its only event (the relock parks it for good). t1: three events, so 4 places for
// t0's event; bound 0: t0 first or last, 2. With t1 locking a too: t0 first (t1 blocks forever
// after its write), t1's write then t0 (same), or t1 all then t0: 3.
TEST(DfsCounts, SelfRelock) {
  expect(self_relock(false), std::nullopt, 4, "self_relock");
  expect(self_relock(false), 0, 2, "self_relock");
  expect(self_relock(true), std::nullopt, 3, "self_relock(shared)");
}
