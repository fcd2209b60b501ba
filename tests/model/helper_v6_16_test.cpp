// The v6.16 helper on the engine, each case both ways: the review's pin inside drm_exec with the
// lockless fast path (KT-1 C), vmap balance with refcount_t (KT-6 C), free while pinned (KT-7 C),
// fork/munmap accounting (KT-10 C), concurrent pin/unpin through the fast paths (KT-11), the GEM
// core paths (drm_gem_pin with either callback, the renamed drm_gem_vmap), purge of a vmapped
// object, and -ENOMEM unwinding through vmap_locked.
#include "model/helper_v6_16.h"

#include <array>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/dma_resv.h"
#include "model/drm_exec.h"
#include "model/errno.h"
#include "model/kernel.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;

struct World : ShmemWorld {
  explicit World(Injection inject = {}, PinCallback pin_callback = PinCallback::object_pin)
      : ShmemWorld(Version::v6_16, v6_16::drm_gem_shmem_free, inject, pin_callback) {}
};

std::string count(const UseCount& c) { return c.saturated() ? "sat" : std::to_string(c.value()); }

/// "use,pin,vmap" of bo.
std::string counts(const World& w) {
  return count(w.bo.pages_use_count) + "," + count(w.bo.pages_pin_count) + "," +
         count(w.bo.vmap_use_count);
}

/// Explores `threads` (each run by its own thread, after an optional `setup`); `end` sees the
/// world when an execution ends.
ExplorationResult run_threads(std::vector<std::function<void(World&)>> threads,
                              std::function<void(World&)> setup = {},
                              std::function<void(World&)> end = {}, Injection inject = {},
                              PinCallback pin_callback = PinCallback::object_pin,
                              sched::StrategyKind strategy = sched::StrategyKind::dpor) {
  sched::Config config;
  config.strategy = strategy;
  config.check_determinism = true;
  return sched::explore(
      [threads, setup, end, inject, pin_callback] {
        World* w = sched::make<World>(inject, pin_callback);
        if (setup)
          sched::spawn_setup("setup", [w, setup] {
            setup(*w);
            w->kernel.lockdep.check_exit();
          });
        // The engine starts every thread up to its first visible operation before the setup
        // thread runs (run_setup starts all unstarted threads); a read of a gate object holds
        // each thread's first call until setup is done. Reads of one object are independent.
        const sched::ObjectId gate = sched::new_object("gate");
        static constexpr std::array<std::string_view, 3> kNames = {"t1", "t2", "t3"};
        for (size_t i = 0; i < threads.size(); ++i)
          sched::spawn(kNames[i], [w, gate, body = threads[i]] {
            sched::visible(gate, sched::Access::read);
            body(*w);
            w->kernel.lockdep.check_exit();
          });
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      config);
}

ExplorationResult run_one(std::function<void(World&)> body, std::function<void(World&)> end = {},
                          Injection inject = {}) {
  return run_threads({std::move(body)}, {}, std::move(end), inject);
}

}  // namespace

TEST_GROUP(HelperV6_16){};

TEST(HelperV6_16, PinInsideDrmExecSelfDeadlocksUnlessTheFastPathHits) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  in_exec(w, [&w] { v6_16::drm_gem_shmem_pin(w.bo); });
                                })).c_str());
  std::string end;
  const auto record = [&end](World& w) { end = counts(w); };
  // Already pinned once: the lockless inc_not_zero succeeds and no lock is taken.
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               v6_16::drm_gem_shmem_pin(w.bo);
                               in_exec(w, [&w] { v6_16::drm_gem_shmem_pin(w.bo); });
                             },
                             record))
                       .c_str());
  STRCMP_EQUAL("1,2,0", end.c_str());
  // The exported locked variant under the exec's lock.
  STRCMP_EQUAL(
      "",
      kinds(run_one([](World& w) { in_exec(w, [&w] { v6_16::drm_gem_shmem_pin_locked(w.bo); }); },
                    record))
          .c_str());
  STRCMP_EQUAL("1,1,0", end.c_str());
}

TEST(HelperV6_16, VunmapBelowZeroIsARefcountUnderflowAndBalancedIsClean) {
  const auto program = [](int vunmaps) {
    return [vunmaps](World& w) {
      dma_resv_lock(w.resv, nullptr);
      v6_16::drm_gem_shmem_vmap_locked(w.bo);
      v6_16::drm_gem_shmem_vmap_locked(w.bo);
      for (int i = 0; i < vunmaps; ++i) v6_16::drm_gem_shmem_vunmap_locked(w.bo);
      dma_resv_unlock(w.resv);
    };
  };
  std::string end;
  const auto record = [&end](World& w) {
    end = counts(w) + "," + (w.bo.has_pages ? "p" : "-") + (w.bo.has_vaddr ? "v" : "-");
  };
  STRCMP_EQUAL("", kinds(run_one(program(2), record)).c_str());
  STRCMP_EQUAL("0,0,0,--", end.c_str());
  // The third vunmap saturates vmap_use_count and does not unpin a second time.
  STRCMP_EQUAL("underflow", kinds(run_one(program(3), record)).c_str());
  STRCMP_EQUAL("0,0,sat,--", end.c_str());
}

TEST(HelperV6_16, BalancedVmapsAcrossThreadsAreCleanInEveryInterleaving) {
  std::set<std::string> ends;
  const auto vmap_then_vunmap = [](World& w) {
    dma_resv_lock(w.resv, nullptr);
    v6_16::drm_gem_shmem_vmap_locked(w.bo);
    dma_resv_unlock(w.resv);
    dma_resv_lock(w.resv, nullptr);
    v6_16::drm_gem_shmem_vunmap_locked(w.bo);
    dma_resv_unlock(w.resv);
  };
  const ExplorationResult r = run_threads({vmap_then_vunmap, vmap_then_vunmap}, {},
                                          [&ends](World& w) { ends.insert(counts(w)); });
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(r.stats.executions > 1);
  CHECK(ends == (std::set<std::string>{"0,0,0"}));
}

TEST(HelperV6_16, LockedCallsWithoutTheResvAreAssertHeld) {
  STRCMP_EQUAL("assert_held",
               kinds(run_one([](World& w) { v6_16::drm_gem_shmem_vmap_locked(w.bo); })).c_str());
  STRCMP_EQUAL("assert_held",
               kinds(run_one([](World& w) { v6_16::drm_gem_vmap_locked(w.bo); })).c_str());
  std::string end;
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               v6_16::drm_gem_vmap(w.bo);  // 6.16: the one that takes the resv
                               v6_16::drm_gem_vunmap(w.bo);
                             },
                             [&end](World& w) { end = counts(w); }))
                       .c_str());
  STRCMP_EQUAL("0,0,0", end.c_str());
}

TEST(HelperV6_16, FreeWhilePinnedLeaksThePinAndUnpinnedFirstIsClean) {
  std::string end;
  STRCMP_EQUAL("leak", kinds(run_one(
                                 [](World& w) {
                                   v6_16::drm_gem_shmem_pin(w.bo);
                                   drm_gem_object_put(w.bo.gem);
                                 },
                                 [&end](World& w) { end = counts(w); }))
                           .c_str());
  STRCMP_EQUAL("0,1,0", end.c_str());  // release put the pin's pages reference, then WARNed
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_16::drm_gem_shmem_pin(w.bo);
                     v6_16::drm_gem_shmem_unpin(w.bo);
                     drm_gem_object_put(w.bo.gem);
                   })).c_str());
}

TEST(HelperV6_16, FreeWhileVmappedLeaksTheVmap) {
  STRCMP_EQUAL("leak", kinds(run_one([](World& w) {
                         v6_16::drm_gem_vmap(w.bo);
                         drm_gem_object_put(w.bo.gem);
                       })).c_str());
}

TEST(HelperV6_16, ForkAndMunmapBalanceAndAnExtraVmCloseUnderflows) {
  const auto program = [](int closes, bool keep_a_reference) {
    return [closes, keep_a_reference](World& w) {
      if (keep_a_reference) drm_gem_object_get(w.bo.gem);
      v6_16::drm_gem_shmem_mmap(w.bo, Mapping::shared);  // use 1
      v6_16::drm_gem_shmem_vm_open(w.bo);                // fork: use 2
      for (int i = 0; i < closes; ++i) v6_16::drm_gem_shmem_vm_close(w.bo);
    };
  };
  std::string end;
  const auto record = [&end](World& w) {
    end = counts(w) + "," + (w.bo.has_pages ? "p" : "-") + (w.bo.gem.freed ? "f" : "-");
  };
  STRCMP_EQUAL("", kinds(run_one(program(2, false), record)).c_str());
  STRCMP_EQUAL("0,0,0,--", end.c_str());
  // The object outlives the extra close: only the refcount_t underflow.
  STRCMP_EQUAL("underflow", kinds(run_one(program(3, true), record)).c_str());
  STRCMP_EQUAL("sat,0,0,--", end.c_str());
  // The extra close also drops the last GEM reference: release reads the saturated count as
  // non-zero and WARNs, as refcount_read does.
  STRCMP_EQUAL("underflow leak", kinds(run_one(program(3, false), record)).c_str());
  STRCMP_EQUAL("sat,0,0,-f", end.c_str());
}

TEST(HelperV6_16, VmOpenAtZeroWarnsAndACowMmapIsRefused) {
  STRCMP_EQUAL("warn",
               kinds(run_one([](World& w) { v6_16::drm_gem_shmem_vm_open(w.bo); })).c_str());
  int ret = 0;
  std::string end;
  STRCMP_EQUAL(
      "",
      kinds(run_one([&ret](World& w) { ret = v6_16::drm_gem_shmem_mmap(w.bo, Mapping::private_); },
                    [&end](World& w) { end = counts(w); }))
          .c_str());
  LONGS_EQUAL(kEINVAL, ret);
  STRCMP_EQUAL("0,0,0", end.c_str());
}

TEST(HelperV6_16, ConcurrentPinAndUnpinThroughTheFastPathsAreClean) {
  for (const sched::StrategyKind strategy : {sched::StrategyKind::dpor, sched::StrategyKind::dfs}) {
    std::set<std::string> ends;
    bool pages_iff_pinned = true;
    const ExplorationResult r = run_threads(
        {[](World& w) { v6_16::drm_gem_shmem_pin(w.bo); },
         [](World& w) { v6_16::drm_gem_shmem_unpin(w.bo); }},
        [](World& w) { v6_16::drm_gem_shmem_pin(w.bo); },
        [&ends, &pages_iff_pinned](World& w) {
          ends.insert(counts(w));
          const bool pinned = w.bo.pages_pin_count.value() > 0;
          if ((w.bo.pages_use_count.value() >= 1) != pinned || w.bo.has_pages != pinned)
            pages_iff_pinned = false;
        },
        {}, PinCallback::object_pin, strategy);
    STRCMP_EQUAL("", kinds(r).c_str());
    CHECK(r.stats.complete);
    CHECK(ends == (std::set<std::string>{"1,1,0"}));
    CHECK(pages_iff_pinned);
    if (strategy == sched::StrategyKind::dpor) {
      // One execution per order of the conflicting pin count accesses: T1's fast path first;
      // T2's fast path fails at 1, then T1's fast path gets in before T2's unpin_locked; T2
      // unpins to 0 first, T1's fast path fails and it re-acquires the pages under the resv.
      UNSIGNED_LONGS_EQUAL(3, r.stats.executions);
    } else {
      CHECK(r.stats.executions >= 3);
    }
  }
}

TEST(HelperV6_16, DrmGemPinWithTheSelfLockingCallbackSelfDeadlocksUnlessAlreadyPinned) {
  const auto pin_and_unpin_via_gem = [](World& w) {
    v6_16::drm_gem_pin(w.bo);
    v6_16::drm_gem_unpin(w.bo);
  };
  STRCMP_EQUAL("", kinds(run_threads({pin_and_unpin_via_gem})).c_str());
  STRCMP_EQUAL(
      "self_deadlock",
      kinds(run_threads({pin_and_unpin_via_gem}, {}, {}, {}, PinCallback::shmem_pin)).c_str());
  // With a pin already held, the callback's fast path returns before it would re-lock.
  std::string end;
  STRCMP_EQUAL("", kinds(run_threads(
                             {[](World& w) { v6_16::drm_gem_pin(w.bo); }},
                             [](World& w) { v6_16::drm_gem_shmem_pin(w.bo); },
                             [&end](World& w) { end = counts(w); }, {}, PinCallback::shmem_pin))
                       .c_str());
  STRCMP_EQUAL("1,2,0", end.c_str());
}

TEST(HelperV6_16, PurgeOfAVmappedObjectWarnsAndOfAnIdleOneIsClean) {
  const auto program = [](bool vmapped) {
    return [vmapped](World& w) {
      v6_16::drm_gem_shmem_get_pages_sgt(w.bo);
      dma_resv_lock(w.resv, nullptr);
      if (vmapped) v6_16::drm_gem_shmem_vmap_locked(w.bo);
      v6_16::drm_gem_shmem_madvise_locked(w.bo, 1);
      v6_16::drm_gem_shmem_purge_locked(w.bo);
      dma_resv_unlock(w.resv);
    };
  };
  std::string end;
  const auto record = [&end](World& w) {
    end = counts(w) + ",madv " + std::to_string(w.bo.madv) + (w.bo.has_sgt ? ",s" : ",-");
  };
  STRCMP_EQUAL("", kinds(run_one(program(false), record)).c_str());
  STRCMP_EQUAL("0,0,0,madv -1,-", end.c_str());
  STRCMP_EQUAL("warn", kinds(run_one(program(true), record)).c_str());
  STRCMP_EQUAL("1,1,1,madv -1,-", end.c_str());  // proceeds: drops the sg table's reference
}

TEST(HelperV6_16, EnomemUnwindsThroughVmapLocked) {
  std::set<std::string> outcomes;
  const auto record = [&outcomes](World& w) {
    outcomes.insert(counts(w) + "," + (w.bo.has_pages ? "p" : "-") + (w.bo.has_sgt ? "s" : "-") +
                    (w.bo.has_vaddr ? "v" : "-"));
  };
  const ExplorationResult vmap_only = run_one(
      [](World& w) {
        dma_resv_lock(w.resv, nullptr);
        const int ret = v6_16::drm_gem_shmem_vmap_locked(w.bo);
        CHECK(ret == 0 || ret == kENOMEM);
        dma_resv_unlock(w.resv);
      },
      record, Injection{.enomem = true});
  STRCMP_EQUAL("", kinds(vmap_only).c_str());
  // the pages fail; vmap() fails (the pin is undone); both succeed.
  CHECK(outcomes == (std::set<std::string>{"0,0,0,---", "1,1,1,p-v"}));
  UNSIGNED_LONGS_EQUAL(3, vmap_only.stats.executions);

  outcomes.clear();
  const ExplorationResult with_sgt = run_one(
      [](World& w) {
        if (v6_16::drm_gem_shmem_get_pages_sgt(w.bo) == kENOMEM) return;
        dma_resv_lock(w.resv, nullptr);
        v6_16::drm_gem_shmem_vmap_locked(w.bo);
        dma_resv_unlock(w.resv);
      },
      record, Injection{.enomem = true});
  STRCMP_EQUAL("", kinds(with_sgt).c_str());
  // the pages or the sg table fail; vmap() fails; all succeed.
  CHECK(outcomes == (std::set<std::string>{"0,0,0,---", "1,0,0,ps-", "2,1,1,psv"}));
}

}  // namespace resvcheck::model
