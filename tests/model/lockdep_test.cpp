// lockdep on the engine: lock-order edges (blocking acquisitions only, one per class pair, none
// within a class), recursive_locking with and without a shared acquire context, the held-lock
// stacks and lock_held_at_exit. Each misuse is checked both ways.
#include "model/lockdep.h"

#include <functional>
#include <string>

#include "model/kernel.h"
#include "model/mutex.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;

// Lock instances and acquire contexts (nests) are only compared by address.
int instances[4];
int ctx1, ctx2;
const LockRef kA{&instances[0], "a", "a"};
const LockRef kB{&instances[1], "b", "b"};
const LockRef kX{&instances[2], lock_class::resv, "x.resv"};
const LockRef kY{&instances[3], lock_class::resv, "y.resv"};

/// What a test body records inside the execution, checked after it.
std::string recorded;

/// Explores one thread "t1" running `body` on the execution's lockdep.
ExplorationResult run_thread(std::function<void(Lockdep&)> body) {
  recorded.clear();
  return sched::explore(
      [body] {
        Lockdep* lockdep = sched::make<Lockdep>();
        sched::spawn("t1", [body, lockdep] { body(*lockdep); });
      },
      sched::Config());
}

/// A blocking acquisition as the primitives do it: validate, then hold.
void lock(Lockdep& l, const LockRef& ref, const void* nest = nullptr) {
  l.check_acquire(ref, nest);
  l.acquired({.lock = ref, .nest = nest, .how = ""});
}

/// An acquire context taken, as ww_acquire_init does: a held lock of the acquire class.
void hold_context(Lockdep& l, const int& ctx, std::string_view name) {
  const LockRef ref{&ctx, lock_class::resv_acquire, name};
  l.check_acquire(ref, nullptr, /*check_recursion=*/false);
  l.acquired({.lock = ref, .nest = nullptr, .how = ""});
}

/// The observed lock-order edges, "a -> b, b -> c".
std::string edges(const ExplorationResult& r) {
  std::string out;
  for (const sched::ObservationSummary& o : r.observations) {
    const auto edge = parse_lock_edge_key(o.key);
    if (edge) out += (out.empty() ? "" : ", ") + edge->first + " -> " + edge->second;
  }
  return out;
}

}  // namespace

TEST_GROUP(Lockdep){};

TEST(Lockdep, EdgeKeysRoundTrip) {
  STRCMP_EQUAL("lock_order:a -> b", lock_edge_key("a", "b").c_str());
  const auto edge = parse_lock_edge_key("lock_order:mmap_lock -> reservation_ww_class_mutex");
  CHECK_TRUE(edge.has_value());
  STRCMP_EQUAL("mmap_lock", edge->first.c_str());
  STRCMP_EQUAL("reservation_ww_class_mutex", edge->second.c_str());
  for (const char* key : {"a -> b", "lock_order:a", "lock_order: -> b", "lock_order:a -> "})
    CHECK_FALSE(parse_lock_edge_key(key).has_value());
}

TEST(Lockdep, EachHeldClassGetsAnEdgeToTheAcquiredOne) {
  const ExplorationResult r = run_thread([](Lockdep& l) {
    lock(l, kA);
    lock(l, kB);
    lock(l, kX);
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  STRCMP_EQUAL("a -> b, a -> reservation_ww_class_mutex, b -> reservation_ww_class_mutex",
               edges(r).c_str());
}

TEST(Lockdep, NestingWithinAClassAddsNoEdgeAndOneEdgePerHeldClass) {
  // x and y under one context: no x -> y edge, and a single resv -> a edge for both.
  const ExplorationResult r = run_thread([](Lockdep& l) {
    hold_context(l, ctx1, "c1");
    lock(l, kX, &ctx1);
    lock(l, kY, &ctx1);
    lock(l, kA);
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  STRCMP_EQUAL(
      "reservation_ww_class_acquire -> a, reservation_ww_class_acquire -> "
      "reservation_ww_class_mutex, reservation_ww_class_mutex -> a",
      edges(r).c_str());
}

TEST(Lockdep, ATrylockAddsNoEdgeButItsLockIsTheSourceOfLaterOnes) {
  const ExplorationResult r = run_thread([](Lockdep& l) {
    lock(l, kA);
    l.acquired({.lock = kB, .how = "", .trylock = true});
    lock(l, kX);
  });
  STRCMP_EQUAL("a -> reservation_ww_class_mutex, b -> reservation_ww_class_mutex",
               edges(r).c_str());
}

TEST(Lockdep, MutexLockRecordsTheEdgeAndMutexTrylockNone) {
  const auto program = [](bool trylock) {
    return [trylock] {
      Kernel* k = sched::make<Kernel>(Version::v6_5, Injection{});
      Mutex* a = sched::make<Mutex>(*k, "a");
      Mutex* b = sched::make<Mutex>(*k, "b");
      sched::spawn("t1", [a, b, trylock] {
        mutex_lock(*a);
        if (trylock)
          mutex_trylock(*b);
        else
          mutex_lock(*b);
        mutex_unlock(*b);
        mutex_unlock(*a);
      });
    };
  };
  STRCMP_EQUAL("a -> b", edges(sched::explore(program(false), sched::Config())).c_str());
  STRCMP_EQUAL("", edges(sched::explore(program(true), sched::Config())).c_str());
}

TEST(Lockdep, TwoInstancesOfAClassWithoutAContextAreRecursiveLocking) {
  const ExplorationResult r = run_thread([](Lockdep& l) {
    lock(l, kX);
    lock(l, kY);
  });
  STRCMP_EQUAL("recursive_locking", kinds(r).c_str());
  STRCMP_EQUAL(
      "possible recursive locking: 't1' acquires 'y.resv' (reservation_ww_class_mutex) while "
      "holding 'x.resv'",
      r.findings[0].finding.message.c_str());
  STRCMP_EQUAL("t1:reservation_ww_class_mutex", r.findings[0].finding.site.c_str());
  STRCMP_EQUAL("", edges(r).c_str());
}

// lockdep's nest_lock rule: nesting is fine only when the context was taken before the other
// instance of the class.
TEST(Lockdep, AnInstanceTakenBeforeTheContextIsRecursiveLocking) {
  STRCMP_EQUAL("recursive_locking", kinds(run_thread([](Lockdep& l) {
                                      hold_context(l, ctx1, "c1");
                                      lock(l, kX, &ctx1);
                                      hold_context(l, ctx2, "c2");
                                      lock(l, kY, &ctx2);
                                    })).c_str());
  STRCMP_EQUAL("recursive_locking", kinds(run_thread([](Lockdep& l) {
                                      lock(l, kX);
                                      hold_context(l, ctx1, "c1");
                                      lock(l, kY, &ctx1);
                                    })).c_str());
}

TEST(Lockdep, TwoInstancesUnderOneContextAreFine) {
  STRCMP_EQUAL("", kinds(run_thread([](Lockdep& l) {
                     hold_context(l, ctx1, "c1");
                     lock(l, kX, &ctx1);
                     lock(l, kY, &ctx1);
                   })).c_str());
  STRCMP_EQUAL("", kinds(run_thread([](Lockdep& l) {
                     hold_context(l, ctx1, "c1");
                     lock(l, kX);
                     lock(l, kY, &ctx1);  // the context was held before x: lockdep is silent
                   })).c_str());
}

TEST(Lockdep, TheSameInstanceAgainIsLeftToSelfDeadlock) {
  STRCMP_EQUAL("", kinds(run_thread([](Lockdep& l) {
                     lock(l, kX);
                     l.check_acquire(kX, nullptr);
                   })).c_str());
}

TEST(Lockdep, WithoutTheRecursionCheckOnlyEdgesAreRecorded) {
  const ExplorationResult r = run_thread([](Lockdep& l) {
    lock(l, kA);
    lock(l, kX);
    l.check_acquire(kY, nullptr, /*check_recursion=*/false);
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  STRCMP_EQUAL("a -> reservation_ww_class_mutex", edges(r).c_str());
}

TEST(Lockdep, HeldStackReleaseAndText) {
  run_thread([](Lockdep& l) {
    const sched::ThreadId me = sched::current_thread();
    recorded = l.held_text(me);
    l.acquired({.lock = kX, .how = " (NULL ctx)"});
    lock(l, kA);
    recorded += " | " + l.held_text(me);
    recorded +=
        l.holds(me, kA.instance) && !l.holds(sched::kSetupThread, kA.instance) ? " | yes" : " | no";
    recorded += l.released(kA.instance) ? " | released" : " | kept";
    recorded += l.released(kA.instance) ? " | released" : " | not held";
    recorded += " | " + l.held_text(me);
    l.released(kX.instance);
    recorded += " | " + l.held_text(me);
  });
  STRCMP_EQUAL(
      "nothing | x.resv (NULL ctx), a | yes | released | not held | x.resv (NULL ctx) | nothing",
      recorded.c_str());
}

TEST(Lockdep, LocksHeldAtExitAreReportedAndForgotten) {
  const ExplorationResult r = run_thread([](Lockdep& l) {
    l.acquired({.lock = kX, .how = " (NULL ctx)"});
    lock(l, kA);
    l.check_exit();
    recorded = l.held_text(sched::current_thread());
  });
  STRCMP_EQUAL("lock_held_at_exit", kinds(r).c_str());
  STRCMP_EQUAL("thread 't1' exited holding x.resv (NULL ctx)",
               r.findings[0].finding.message.c_str());
  UNSIGNED_LONGS_EQUAL(2, r.findings[0].sites);  // x.resv and a
  STRCMP_EQUAL("nothing", recorded.c_str());
}

TEST(Lockdep, NothingHeldAtExitIsClean) {
  STRCMP_EQUAL("", kinds(run_thread([](Lockdep& l) {
                     lock(l, kA);
                     l.released(kA.instance);
                     l.check_exit();
                   })).c_str());
}

}  // namespace resvcheck::model
