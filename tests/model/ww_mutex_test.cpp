// ww_mutex and acquire contexts on the engine: -EALREADY, wait-die and wound-wait back-off,
// NULL-context deadlocks, trylock, injected -EDEADLK and -EINTR, and the ww_misuse checks.
// Each behaviour is checked both ways: the misuse is found, the correct use is clean.
#include "model/ww_mutex.h"

#include <optional>
#include <set>
#include <string>

#include "model/errno.h"
#include "model/kernel.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;
using sched::Program;

ExplorationResult explore_program(const Program& program,
                                  std::optional<uint32_t> preemptions = {}) {
  sched::Config config;
  config.preemption_bound = preemptions;
  return sched::explore(program, config);
}

struct World {
  Kernel kernel;
  WwMutex a;
  WwMutex b;
  WwMutex c;
  explicit World(Injection inject = {}, bool wound_wait = false)
      : kernel(Version::v6_5, inject),
        a(kernel, "a", wound_wait ? kernel.ww_class : kernel.reservation_class),
        b(kernel, "b", wound_wait ? kernel.ww_class : kernel.reservation_class),
        c(kernel, "c", wound_wait ? kernel.ww_class : kernel.reservation_class) {}
  WwClass& cls(bool wound_wait) { return wound_wait ? kernel.ww_class : kernel.reservation_class; }
};

// Locks `first` then `second` under a fresh context, backing off on -EDEADLK as drm_exec does:
// drop everything, lock_slow the contended lock, then take the rest.
void transaction(World& w, WwMutex& first, WwMutex& second, bool wound_wait, int* backoffs) {
  WwAcquireCtx* ctx = sched::make<WwAcquireCtx>(w.kernel, "ctx", " (ctx ctx)");
  ww_acquire_init(*ctx, w.cls(wound_wait));
  WwMutex* order[2] = {&first, &second};
  WwMutex* prelocked = nullptr;
  for (;;) {
    WwMutex* contended = nullptr;
    for (WwMutex* m : order) {
      if (m == prelocked) continue;
      if (ww_mutex_lock(*m, ctx, Wait::uninterruptible) == kEDEADLK) {
        contended = m;
        break;
      }
    }
    if (contended == nullptr) break;
    ++*backoffs;
    for (WwMutex* m : order)
      if (m->owner == sched::current_thread()) ww_mutex_unlock(*m);
    ww_mutex_lock_slow(*contended, *ctx, Wait::uninterruptible);
    prelocked = contended;
  }
  ww_acquire_done(*ctx);
  ww_mutex_unlock(second);
  ww_mutex_unlock(first);
  ww_acquire_fini(*ctx);
}

struct Outcome {
  std::set<int> backoffs;  // total back-offs per execution
};

Program abba(bool wound_wait, Injection inject, Outcome* out) {
  return [wound_wait, inject, out] {
    World* w = sched::make<World>(inject, wound_wait);
    int* backoffs = sched::make<int>(0);
    sched::spawn("t1",
                 [w, wound_wait, backoffs] { transaction(*w, w->a, w->b, wound_wait, backoffs); });
    sched::spawn("t2",
                 [w, wound_wait, backoffs] { transaction(*w, w->b, w->a, wound_wait, backoffs); });
    sched::at_execution_end([out, backoffs] { out->backoffs.insert(*backoffs); });
  };
}

}  // namespace

TEST_GROUP(WwMutex){};

TEST(WwMutex, AbbaBetweenTwoWaitDieContextsBacksOffAndNeverDeadlocks) {
  Outcome out;
  const ExplorationResult r = explore_program(abba(false, {}, &out));
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(r.stats.complete);
  CHECK(out.backoffs.count(0) == 1);  // no contention in some orders
  CHECK(out.backoffs.count(1) == 1);  // the younger context dies in others
}

TEST(WwMutex, AbbaBetweenTwoWoundWaitContextsBacksOffAndNeverDeadlocks) {
  Outcome out;
  const ExplorationResult r = explore_program(abba(true, {}, &out));
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(out.backoffs.count(1) == 1);
}

TEST(WwMutex, AbbaWithNullContextsDeadlocksAndIsRecursiveLocking) {
  const ExplorationResult r = explore_program([] {
    World* w = sched::make<World>();
    sched::spawn("t1", [w] {
      ww_mutex_lock(w->a, nullptr, Wait::uninterruptible);
      ww_mutex_lock(w->b, nullptr, Wait::uninterruptible);
      ww_mutex_unlock(w->b);
      ww_mutex_unlock(w->a);
    });
    sched::spawn("t2", [w] {
      ww_mutex_lock(w->b, nullptr, Wait::uninterruptible);
      ww_mutex_lock(w->a, nullptr, Wait::uninterruptible);
      ww_mutex_unlock(w->a);
      ww_mutex_unlock(w->b);
    });
  });
  STRCMP_EQUAL("deadlock recursive_locking", kinds(r).c_str());
  CHECK(r.observations.empty());  // one class: no lock-order edge
}

TEST(WwMutex, RelockWithTheSameContextIsEalreadyAndWithNullContextASelfDeadlock) {
  std::set<int> rets;
  const ExplorationResult ok = explore_program([&rets] {
    World* w = sched::make<World>();
    sched::spawn("t", [w, &rets] {
      WwAcquireCtx* ctx = sched::make<WwAcquireCtx>(w->kernel, "c", " (ctx c)");
      ww_acquire_init(*ctx, w->kernel.reservation_class);
      ww_mutex_lock(w->a, ctx, Wait::uninterruptible);
      rets.insert(ww_mutex_lock(w->a, ctx, Wait::uninterruptible));
      ww_mutex_unlock(w->a);
      ww_acquire_fini(*ctx);
    });
  });
  STRCMP_EQUAL("", kinds(ok).c_str());
  CHECK(rets == std::set<int>{kEALREADY});

  const ExplorationResult bad = explore_program([] {
    World* w = sched::make<World>();
    sched::spawn("t", [w] {
      WwAcquireCtx* ctx = sched::make<WwAcquireCtx>(w->kernel, "c", " (ctx c)");
      ww_acquire_init(*ctx, w->kernel.reservation_class);
      ww_mutex_lock(w->a, ctx, Wait::uninterruptible);
      ww_mutex_lock(w->a, nullptr, Wait::uninterruptible);  // as drm_gem_shmem_pin does in v6.5
    });
  });
  STRCMP_EQUAL("self_deadlock", kinds(bad).c_str());
}

TEST(WwMutex, TrylockFailsOnALockTheCallerHolds) {
  std::set<bool> got;
  const ExplorationResult r = explore_program([&got] {
    World* w = sched::make<World>();
    sched::spawn("t", [w, &got] {
      ww_mutex_lock(w->a, nullptr, Wait::uninterruptible);
      got.insert(ww_mutex_trylock(w->a, nullptr));
      ww_mutex_unlock(w->a);
      got.insert(ww_mutex_trylock(w->a, nullptr));
      ww_mutex_unlock(w->a);
    });
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(got == (std::set<bool>{false, true}));
}

TEST(WwMutex, InjectedEdeadlkIsAbsorbedByTheBackOffLoop) {
  Outcome out;
  const ExplorationResult r = explore_program(abba(false, Injection{.edeadlk = true}, &out));
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(out.backoffs.count(2) == 1);  // both contexts backed off once, spuriously or not
}

TEST(WwMutex, EintrOnlyWhenTheInterruptibleLockWouldBlock) {
  std::set<int> rets;
  const auto program = [&rets](bool contended) {
    return [&rets, contended] {
      World* w = sched::make<World>(Injection{.eintr = true});
      if (contended)
        sched::spawn("holder", [w] {
          ww_mutex_lock(w->a, nullptr, Wait::uninterruptible);
          ww_mutex_unlock(w->a);
        });
      sched::spawn("t", [w, &rets] {
        const int ret = ww_mutex_lock(w->a, nullptr, Wait::interruptible);
        rets.insert(ret);
        if (ret == 0) ww_mutex_unlock(w->a);
      });
    };
  };
  STRCMP_EQUAL("", kinds(explore_program(program(false))).c_str());
  CHECK(rets == std::set<int>{0});
  rets.clear();
  STRCMP_EQUAL("", kinds(explore_program(program(true))).c_str());
  CHECK(rets == (std::set<int>{0, kEINTR}));
}

TEST(WwMutex, ContextMisusesAreReportedAndCorrectUseIsClean) {
  const auto program = [](int misuse) {
    return [misuse] {
      World* w = sched::make<World>();
      sched::spawn("t", [w, misuse] {
        WwAcquireCtx* ctx = sched::make<WwAcquireCtx>(w->kernel, "c", " (ctx c)");
        WwAcquireCtx* other = sched::make<WwAcquireCtx>(w->kernel, "d", " (ctx d)");
        ww_acquire_init(*ctx, w->kernel.reservation_class);
        if (misuse == 1) ww_acquire_init(*other, w->kernel.reservation_class);  // two live
        if (misuse == 2)
          ww_mutex_lock_slow(w->a, *ctx, Wait::uninterruptible);  // no -EDEADLK
        else
          ww_mutex_lock(w->a, ctx, Wait::uninterruptible);
        ww_acquire_done(*ctx);
        if (misuse == 3) ww_acquire_done(*ctx);                            // twice
        if (misuse == 4) ww_mutex_lock(w->b, ctx, Wait::uninterruptible);  // after done
        if (misuse != 5) ww_mutex_unlock(w->a);
        if (misuse == 4) ww_mutex_unlock(w->b);
        ww_acquire_fini(*ctx);  // misuse 5: with a lock held
        if (misuse == 5) ww_mutex_unlock(w->a);
        if (misuse == 1) ww_acquire_fini(*other);
      });
    };
  };
  STRCMP_EQUAL("", kinds(explore_program(program(0))).c_str());
  for (int misuse = 1; misuse <= 5; ++misuse) {
    const ExplorationResult r = explore_program(program(misuse));
    STRCMP_EQUAL_TEXT("ww_misuse", kinds(r).c_str(), std::to_string(misuse).c_str());
  }
}

TEST(WwMutex, WhichContextIsOlderIsDecidedByTheInterleaving) {
  std::set<std::string> orders;
  const ExplorationResult r = explore_program([&orders] {
    World* w = sched::make<World>();
    auto* stamps = sched::make<std::string>();
    for (const char* name : {"t1", "t2"})
      sched::spawn(name, [w, stamps] {
        WwAcquireCtx* ctx = sched::make<WwAcquireCtx>(w->kernel, "c", " (ctx c)");
        ww_acquire_init(*ctx, w->kernel.reservation_class);
        if (ctx->stamp == 1) *stamps = std::string(sched::thread_name(sched::current_thread()));
        ww_acquire_fini(*ctx);
      });
    sched::at_execution_end([stamps, &orders] { orders.insert(*stamps); });
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(orders == (std::set<std::string>{"t1", "t2"}));
}

}  // namespace resvcheck::model
