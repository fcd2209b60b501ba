// The plain mutex on the engine: lock/unlock, self-deadlock, ABBA, trylock, unlock_not_held.
#include "model/mutex.h"

#include <optional>
#include <string>

#include "model/kernel.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;
using sched::Program;
using sched::StrategyKind;

ExplorationResult explore(const Program& program, StrategyKind strategy = StrategyKind::dpor,
                          std::optional<uint32_t> preemptions = std::nullopt) {
  sched::Config config;
  config.strategy = strategy;
  config.preemption_bound = preemptions;
  return sched::explore(program, config);
}

/// The kernel of one execution, in its arena.
Kernel* kernel(Injection inject = {}) { return sched::make<Kernel>(Version::v6_5, inject); }

/// Two threads each take `first` then `second` of the mutexes a, b (index 0, 1).
Program two_lockers(int t1_first, int t2_first) {
  return [t1_first, t2_first] {
    Kernel* k = kernel();
    Mutex* m[2] = {sched::make<Mutex>(*k, "a"), sched::make<Mutex>(*k, "b")};
    const auto locker = [m](int first) {
      return [m, first] {
        mutex_lock(*m[first]);
        mutex_lock(*m[1 - first]);
        mutex_unlock(*m[1 - first]);
        mutex_unlock(*m[first]);
      };
    };
    sched::spawn("t1", locker(t1_first));
    sched::spawn("t2", locker(t2_first));
  };
}

}  // namespace

TEST_GROUP(Mutex){};

TEST(Mutex, LockUnlockInTwoThreadsIsCleanInTwoExecutions) {
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    for (const char* name : {"t1", "t2"})
      sched::spawn(name, [m] {
        mutex_lock(*m);
        mutex_unlock(*m);
      });
  };
  for (StrategyKind s : {StrategyKind::dpor, StrategyKind::dfs}) {
    const ExplorationResult r = explore(p, s);
    STRCMP_EQUAL("", kinds(r).c_str());
    UNSIGNED_LONGS_EQUAL(2, r.stats.executions);  // who locks first
    CHECK_TRUE(r.stats.complete);
  }
}

TEST(Mutex, SameOrderInTwoThreadsIsClean) {
  const ExplorationResult r = explore(two_lockers(0, 0));
  STRCMP_EQUAL("", kinds(r).c_str());
  UNSIGNED_LONGS_EQUAL(2, r.stats.executions);
}

TEST(Mutex, LockingAHeldMutexAgainIsASelfDeadlock) {
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    sched::spawn("t1", [m] {
      mutex_lock(*m);
      mutex_lock(*m);
    });
  };
  const ExplorationResult r = explore(p);
  STRCMP_EQUAL("self_deadlock", kinds(r).c_str());
  UNSIGNED_LONGS_EQUAL(1, r.stats.executions);
  STRCMP_EQUAL("t1", r.findings[0].thread_name.c_str());
}

TEST(Mutex, AbbaDeadlocksWithOnePreemption) {
  for (StrategyKind s : {StrategyKind::dpor, StrategyKind::dfs}) {
    const ExplorationResult r = explore(two_lockers(0, 1), s, 1);
    STRCMP_EQUAL("deadlock", kinds(r).c_str());
    UNSIGNED_LONGS_EQUAL(1, r.findings[0].preemptions);
    CHECK_TRUE(r.stats.complete);
  }
}

TEST(Mutex, AbbaIsCleanWithoutPreemptions) {
  const ExplorationResult r = explore(two_lockers(0, 1), StrategyKind::dpor, 0);
  STRCMP_EQUAL("", kinds(r).c_str());
  UNSIGNED_LONGS_EQUAL(2, r.stats.executions);  // t1 then t2, t2 then t1
}

TEST(Mutex, AbbaUnboundedHasThreeTraces) {
  // t1 first, t2 first, and the deadlock; dfs sees two interleavings of each.
  const ExplorationResult dpor = explore(two_lockers(0, 1), StrategyKind::dpor);
  STRCMP_EQUAL("deadlock", kinds(dpor).c_str());
  UNSIGNED_LONGS_EQUAL(3, dpor.stats.executions);
  const ExplorationResult dfs = explore(two_lockers(0, 1), StrategyKind::dfs);
  STRCMP_EQUAL("deadlock", kinds(dfs).c_str());
  UNSIGNED_LONGS_EQUAL(6, dfs.stats.executions);
}

TEST(Mutex, FailedTrylockIsNoDeadlock) {
  // t2 trylocks a while t1 may hold it: a failed trylock returns at once.
  static int failures;
  failures = 0;
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    sched::spawn("t1", [m] {
      mutex_lock(*m);
      mutex_unlock(*m);
    });
    sched::spawn("t2", [m] {
      if (mutex_trylock(*m))
        mutex_unlock(*m);
      else
        ++failures;
    });
  };
  for (StrategyKind s : {StrategyKind::dpor, StrategyKind::dfs}) {
    failures = 0;
    const ExplorationResult r = explore(p, s);
    STRCMP_EQUAL("", kinds(r).c_str());
    UNSIGNED_LONGS_EQUAL(3, r.stats.executions);  // before t1's lock, while held, after unlock
    LONGS_EQUAL(1, failures);
  }
}

TEST(Mutex, TrylockOfAMutexTheCallerHoldsFails) {
  static bool second;
  second = true;
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    sched::spawn("t1", [m] {
      CHECK_TRUE(mutex_trylock(*m));
      second = mutex_trylock(*m);
      mutex_unlock(*m);
    });
  };
  const ExplorationResult r = explore(p);
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK_FALSE(second);
}

TEST(Mutex, InterruptibleLockIsEintrOnlyWhenInjectedAndHeldByAnother) {
  // t2's interruptible lock runs before t1's lock (free: 0), while t1 holds a (-EINTR if
  // injected, else it waits) or after t1's unlock (0).
  static bool zero, eintr;
  const auto program = [](bool inject) {
    return [inject] {
      Mutex* m = sched::make<Mutex>(*kernel({.eintr = inject}), "a");
      sched::spawn("t1", [m] {
        mutex_lock(*m);
        mutex_unlock(*m);
      });
      sched::spawn("t2", [m] {
        const int ret = mutex_lock_interruptible(*m);
        (ret == 0 ? zero : eintr) = true;
        if (ret == 0) mutex_unlock(*m);
      });
    };
  };
  for (bool inject : {false, true}) {
    zero = eintr = false;
    const ExplorationResult r = explore(program(inject));
    STRCMP_EQUAL("", kinds(r).c_str());
    CHECK_TRUE(zero);
    CHECK_EQUAL(inject, eintr);
    UNSIGNED_LONGS_EQUAL(inject ? 3 : 2, r.stats.executions);
  }
}

TEST(Mutex, InterruptibleLockOfAFreeMutexNeverFails) {
  static int ret;
  ret = 1;
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel({.eintr = true}), "a");
    sched::spawn("t1", [m] {
      ret = mutex_lock_interruptible(*m);
      mutex_unlock(*m);
    });
  };
  STRCMP_EQUAL("", kinds(explore(p)).c_str());
  LONGS_EQUAL(0, ret);
}

TEST(Mutex, UnlockOfAFreeMutexIsUnlockNotHeld) {
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    sched::spawn("t1", [m] { mutex_unlock(*m); });
  };
  const ExplorationResult r = explore(p);
  STRCMP_EQUAL("unlock_not_held", kinds(r).c_str());
  UNSIGNED_LONGS_EQUAL(1, r.stats.executions);
  STRCMP_EQUAL("mutex 'a' unlocked by 't1' which does not hold it",
               r.findings[0].finding.message.c_str());
}

TEST(Mutex, UnlockByAnotherThreadLeavesTheOwnerHoldingIt) {
  // t2's unlock never takes t1's mutex away: t1's own unlock is always fine, and t2 reports
  // unlock_not_held in every execution (before, while and after t1 holds it).
  const Program p = [] {
    Mutex* m = sched::make<Mutex>(*kernel(), "a");
    sched::spawn("t1", [m] {
      mutex_lock(*m);
      mutex_unlock(*m);
    });
    sched::spawn("t2", [m] { mutex_unlock(*m); });
  };
  const ExplorationResult r = explore(p);
  STRCMP_EQUAL("unlock_not_held", kinds(r).c_str());
  UNSIGNED_LONGS_EQUAL(3, r.stats.executions);
  UNSIGNED_LONGS_EQUAL(3, r.findings[0].executions);
  UNSIGNED_LONGS_EQUAL(1, r.findings[0].sites);
}

}  // namespace resvcheck::model
