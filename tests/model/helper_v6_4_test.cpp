// The helper before the conversion (v6.4) on the engine, each case both ways: the review's pin
// inside drm_exec (KT-1), vmap balance (KT-6), free while pinned (KT-7), the last put under the
// object's own resv (KT-8), get_pages_sgt inside drm_exec (KT-14), mapping accounting (KT-10),
// a fault against a trylocking purge (KT-4), the resv -> vmap_lock -> pages_lock lock order
// (§2.2), -ENOMEM unwinding and -EINTR from the interruptible mutexes.
#include "model/helper_v6_4.h"

#include <array>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "model/dma_resv.h"
#include "model/drm_exec.h"
#include "model/errno.h"
#include "model/kernel.h"
#include "model/lock_graph.h"
#include "model/lockdep.h"
#include "model/mutex.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;

struct World : ShmemWorld {
  std::array<int, 2> ret = {1, 1};  // what each thread's call of interest returned
  explicit World(Injection inject = {})
      : ShmemWorld(Version::v6_4, v6_4::drm_gem_shmem_free, inject) {}
};

using Body = std::function<void(World&)>;

/// The observed lock-order edges, "a -> b, b -> c".
std::string edges(const ExplorationResult& r) {
  std::string out;
  for (const sched::ObservationSummary& o : r.observations) {
    const auto edge = parse_lock_edge_key(o.key);
    if (edge) out += (out.empty() ? "" : ", ") + edge->first + " -> " + edge->second;
  }
  return out;
}

/// "use,vmap,ps" (pages, sgt) of bo.
std::string counts(const World& w) {
  return std::to_string(w.bo.pages_use_count.value()) + "," +
         std::to_string(w.bo.vmap_use_count.value()) + "," + (w.bo.has_pages ? "p" : "-") +
         (w.bo.has_sgt ? "s" : "-");
}

/// Explores `setup` alone, then threads t1 (and t2, if given); `end` sees the world when the
/// execution ends. Every execution is replayed to check the model is deterministic.
ExplorationResult run_threads(Body t1, Body t2 = {}, Body end = {}, Injection inject = {},
                              Body setup = {}) {
  sched::Config config;
  config.check_determinism = true;
  ExplorationResult r = sched::explore(
      [t1, t2, end, inject, setup] {
        World* w = sched::make<World>(inject);
        if (setup)
          sched::spawn_setup("setup", [w, setup] {
            setup(*w);
            w->kernel.lockdep.check_exit();
          });
        sched::spawn("t1", [w, t1] {
          t1(*w);
          w->kernel.lockdep.check_exit();
        });
        if (t2)
          sched::spawn("t2", [w, t2] {
            t2(*w);
            w->kernel.lockdep.check_exit();
          });
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      config);
  CHECK_FALSE(r.error.has_value());
  CHECK_TRUE(r.stats.complete);
  return r;
}

ExplorationResult run_one(Body body, Body end = {}, Injection inject = {}) {
  return run_threads(std::move(body), {}, std::move(end), inject);
}

}  // namespace

TEST_GROUP(HelperV6_4){};

TEST(HelperV6_4, PinInsideDrmExecIsCleanAndOnlyTheResvTakingVmapSelfDeadlocks) {
  // KT-1 A: pin takes pages_lock only, so the ticket's resv is no obstacle.
  std::string after;
  const auto end = [&after](World& w) { after = counts(w); };
  STRCMP_EQUAL(
      "", kinds(run_one([](World& w) { in_exec(w, [&w] { v6_4::drm_gem_shmem_pin(w.bo); }); }, end))
              .c_str());
  STRCMP_EQUAL("1,0,p-", after.c_str());
  STRCMP_EQUAL(
      "",
      kinds(run_one([](World& w) { in_exec(w, [&w] { v6_4::drm_gem_pin(w.bo); }); }, end)).c_str());
  STRCMP_EQUAL("1,0,p-", after.c_str());
  // The one path of this range that takes the resv itself re-locks it with a NULL context.
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  in_exec(w, [&w] { v6_4::drm_gem_vmap_unlocked(w.bo); });
                                })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     in_exec(w, [&w] {
                       v6_4::drm_gem_vmap(w.bo);
                       v6_4::drm_gem_vunmap(w.bo);
                     });
                   })).c_str());
}

TEST(HelperV6_4, VunmapBelowZeroIsUnderflowAndBalancedIsCleanWithoutTheResv) {
  // KT-6 A: the helpers take vmap_lock themselves; no resv is needed.
  const auto program = [](int vunmaps) {
    return [vunmaps](World& w) {
      v6_4::drm_gem_shmem_vmap(w.bo);
      v6_4::drm_gem_shmem_vmap(w.bo);
      for (int i = 0; i < vunmaps; ++i) v6_4::drm_gem_shmem_vunmap(w.bo);
    };
  };
  std::string after;
  const auto end = [&after](World& w) { after = counts(w) + (w.bo.has_vaddr ? "v" : "-"); };
  STRCMP_EQUAL("", kinds(run_one(program(2), end)).c_str());
  STRCMP_EQUAL("0,0,---", after.c_str());
  STRCMP_EQUAL("underflow", kinds(run_one(program(3), end)).c_str());
  STRCMP_EQUAL("0,0,---", after.c_str());  // the WARN_ON_ONCE guard: no wrap, no double put
  STRCMP_EQUAL("", kinds(run_one(program(1), end)).c_str());
  STRCMP_EQUAL("1,1,p-v", after.c_str());  // one map left: pages and vaddr kept
}

TEST(HelperV6_4, GemCoreVmapAssertsTheResvAndTheUnlockedOneTakesIt) {
  STRCMP_EQUAL("assert_held", kinds(run_one([](World& w) {
                                v6_4::drm_gem_vmap(w.bo);
                                v6_4::drm_gem_vunmap(w.bo);
                              })).c_str());
  std::string after;
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               v6_4::drm_gem_vmap_unlocked(w.bo);
                               v6_4::drm_gem_vunmap_unlocked(w.bo);
                             },
                             [&after](World& w) { after = counts(w); }))
                       .c_str());
  STRCMP_EQUAL("0,0,--", after.c_str());
}

TEST(HelperV6_4, FreeWhilePinnedTwiceLeaksAndOnceLosesThePinSilently) {
  // KT-7 A
  const auto program = [](int pins) {
    return [pins](World& w) {
      for (int i = 0; i < pins; ++i) v6_4::drm_gem_shmem_pin(w.bo);
      drm_gem_object_put(w.bo.gem);
    };
  };
  std::string after;
  const auto end = [&after](World& w) { after = counts(w) + (w.bo.gem.freed ? "f" : "-"); };
  STRCMP_EQUAL("", kinds(run_one(program(1), end)).c_str());
  STRCMP_EQUAL("0,0,--f", after.c_str());
  STRCMP_EQUAL("leak", kinds(run_one(program(2), end)).c_str());
  STRCMP_EQUAL("1,0,p-f", after.c_str());  // the leaked reference keeps the pages
  // A kernel mapping left over is the other leak WARN.
  STRCMP_EQUAL("leak", kinds(run_one([](World& w) {
                         v6_4::drm_gem_shmem_vmap(w.bo);
                         drm_gem_object_put(w.bo.gem);
                       })).c_str());
}

TEST(HelperV6_4, TheLastPutUnderTheObjectsOwnResvIsCleanButUnderPagesLockSelfDeadlocks) {
  // KT-8 A: free takes pages_lock only.
  std::string after;
  const auto end = [&after](World& w) { after = counts(w) + (w.bo.gem.freed ? "f" : "-"); };
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                               dma_resv_lock(w.resv, nullptr);
                               drm_gem_object_put(w.bo.gem);
                               dma_resv_unlock(w.resv);
                             },
                             end))
                       .c_str());
  STRCMP_EQUAL("0,0,--f", after.c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                     in_exec(w, [&w] { drm_gem_object_put(w.bo.gem); });
                   })).c_str());
  // The lock free does take, held by the putting thread (KT-5's shape with pages_lock).
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  v6_4::drm_gem_shmem_get_pages(w.bo);
                                  mutex_lock(w.bo.pages_lock);
                                  drm_gem_object_put(w.bo.gem);
                                  mutex_unlock(w.bo.pages_lock);
                                })).c_str());
}

TEST(HelperV6_4, GetPagesSgtInsideDrmExecIsCleanAndCached) {
  // KT-14 A
  std::string after;
  const auto end = [&after](World& w) { after = counts(w); };
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               in_exec(w, [&w] {
                                 w.ret[0] = v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                                 w.ret[1] = v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                               });
                             },
                             end))
                       .c_str());
  STRCMP_EQUAL("1,0,ps", after.c_str());  // the second call found the cached table
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                     in_exec(w, [] {});
                   })).c_str());
}

TEST(HelperV6_4, AnExtraVmCloseIsUnderflowAndVmOpenAtZeroWarns) {
  // KT-10: mmap, fork (vm_open), two munmaps (vm_close) balance; a third close underflows.
  const auto program = [](int closes) {
    return [closes](World& w) {
      v6_4::drm_gem_shmem_mmap(w.bo, Mapping::shared);
      v6_4::drm_gem_shmem_vm_open(w.bo);
      for (int i = 0; i < closes; ++i) v6_4::drm_gem_shmem_vm_close(w.bo);
    };
  };
  std::string after;
  const auto end = [&after](World& w) { after = counts(w) + "," + std::to_string(w.bo.gem.refs); };
  STRCMP_EQUAL("", kinds(run_one(program(2), end)).c_str());
  STRCMP_EQUAL("0,0,--,1", after.c_str());  // pages freed, the scenario's reference left
  STRCMP_EQUAL("", kinds(run_one(program(1), end)).c_str());
  STRCMP_EQUAL("1,0,p-,2", after.c_str());
  STRCMP_EQUAL("underflow", kinds(run_one(program(3), end)).c_str());
  STRCMP_EQUAL("0,0,--,0", after.c_str());  // the third close dropped the last GEM reference
  STRCMP_EQUAL("warn",
               kinds(run_one([](World& w) { v6_4::drm_gem_shmem_vm_open(w.bo); }, end)).c_str());
  STRCMP_EQUAL("0,0,--,2", after.c_str());  // no increment, but drm_gem_vm_open's reference
}

TEST(HelperV6_4, AFaultAgainstATrylockPurgeNeverDeadlocksAndSigbusesOnlyAfterThePurge) {
  // KT-4 A: mapped (use 1), sg table (use 2), madv dontneed; t1 faults, t2 purges through
  // drm_gem_shmem_purge's trylock of pages_lock.
  std::set<std::string> outcomes;
  const ExplorationResult r =
      run_threads([](World& w) { w.ret[0] = v6_4::drm_gem_shmem_fault(w.bo); },
                  [](World& w) { w.ret[1] = v6_4::drm_gem_shmem_purge(w.bo) ? 1 : 0; },
                  [&outcomes](World& w) {
                    outcomes.insert(std::string(w.ret[0] == kVmFaultSigbus ? "SIGBUS" : "0") +
                                    (w.ret[1] ? " purged " : " busy ") + counts(w) + "," +
                                    std::to_string(w.bo.madv));
                  },
                  {},
                  [](World& w) {
                    v6_4::drm_gem_shmem_mmap(w.bo, Mapping::shared);
                    v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                    v6_4::drm_gem_shmem_madvise(w.bo, 1);
                  });
  STRCMP_EQUAL("", kinds(r).c_str());
  // The fault first (then purged); the purge finding the fault's lock (skipped); the purge
  // first: SIGBUS, and the VMA's pages reference keeps the array.
  CHECK(outcomes == (std::set<std::string>{"0 purged 1,0,p-,-1", "0 busy 2,0,ps,1",
                                           "SIGBUS purged 1,0,p-,-1"}));
}

TEST(HelperV6_4, PurgingAVmappedObjectWarnsAndMadviseThenReportsPurged) {
  // KT-9 A: not purgeable while vmapped; the purge proceeds after the WARN.
  std::string after;
  const auto end = [&after](World& w) {
    after = counts(w) + "," + std::to_string(w.bo.madv) + "," + std::to_string(w.ret[0]);
  };
  const auto program = [](bool vmapped) {
    return [vmapped](World& w) {
      v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
      if (vmapped) v6_4::drm_gem_shmem_vmap(w.bo);
      v6_4::drm_gem_shmem_madvise(w.bo, 1);
      v6_4::drm_gem_shmem_purge(w.bo);
      w.ret[0] = v6_4::drm_gem_shmem_madvise(w.bo, 0) ? 1 : 0;
      if (vmapped) v6_4::drm_gem_shmem_vunmap(w.bo);
    };
  };
  STRCMP_EQUAL("", kinds(run_one(program(false), end)).c_str());
  STRCMP_EQUAL("0,0,--,-1,0", after.c_str());
  STRCMP_EQUAL("warn", kinds(run_one(program(true), end)).c_str());
  STRCMP_EQUAL("0,0,--,-1,0", after.c_str());
  // purge_locked asserts nothing in this range: called without pages_lock it just purges.
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
                     v6_4::drm_gem_shmem_madvise(w.bo, 1);
                     v6_4::drm_gem_shmem_purge_locked(w.bo);
                   })).c_str());
}

TEST(HelperV6_4, TheLockOrderIsResvThenVmapLockThenPagesLockWithoutACycle) {
  // §2.2: drm_gem_vmap_unlocked nests resv -> vmap_lock -> pages_lock (each -> fs_reclaim for
  // the allocations).
  const ExplorationResult r = run_one([](World& w) {
    v6_4::drm_gem_vmap_unlocked(w.bo);
    v6_4::drm_gem_vunmap_unlocked(w.bo);
  });
  STRCMP_EQUAL("", kinds(r).c_str());
  STRCMP_EQUAL(
      "pages_lock -> fs_reclaim, reservation_ww_class_mutex -> fs_reclaim, "
      "reservation_ww_class_mutex -> pages_lock, reservation_ww_class_mutex -> vmap_lock, "
      "vmap_lock -> fs_reclaim, vmap_lock -> pages_lock",
      edges(r).c_str());
  const LockGraph graph(r.observations);
  CHECK_TRUE(graph.cycles().empty());
  CHECK_FALSE(lock_order_finding(graph).has_value());
  // The inversion the conversion removed (KT-2, a derivation: no scenario call holds a shmem
  // mutex while taking the resv): a caller holding vmap_lock that then takes the resv closes
  // the cycle with the GEM core's order.
  const ExplorationResult inverted = run_one([](World& w) {
    v6_4::drm_gem_vmap_unlocked(w.bo);
    v6_4::drm_gem_vunmap_unlocked(w.bo);
    mutex_lock(w.bo.vmap_lock);
    dma_resv_lock(w.resv, nullptr);
    dma_resv_unlock(w.resv);
    mutex_unlock(w.bo.vmap_lock);
  });
  STRCMP_EQUAL("", kinds(inverted).c_str());  // one thread: no deadlock, only the graph shows it
  const LockGraph bad(inverted.observations);
  CHECK_FALSE(bad.cycles().empty());
  STRCMP_EQUAL("reservation_ww_class_mutex -> vmap_lock -> reservation_ww_class_mutex",
               cycle_text(bad.cycles().front()).c_str());
  CHECK_TRUE(lock_order_finding(bad).has_value());
}

TEST(HelperV6_4, EverythingReachableUnderTheResvIsCleanAndAcyclic) {
  // Every helper call a v6.4 caller can make with the resv held (by NULL ctx or by drm_exec):
  // each takes the shmem mutexes below the resv, never the other way round.
  const auto calls = [](World& w) {
    v6_4::drm_gem_pin(w.bo);
    v6_4::drm_gem_vmap(w.bo);
    v6_4::drm_gem_shmem_get_pages_sgt(w.bo);
    v6_4::drm_gem_shmem_mmap(w.bo, Mapping::shared);
    v6_4::drm_gem_shmem_fault(w.bo);
    v6_4::drm_gem_shmem_madvise(w.bo, 1);
    v6_4::drm_gem_vunmap(w.bo);
    v6_4::drm_gem_unpin(w.bo);
    v6_4::drm_gem_shmem_purge(w.bo);
    v6_4::drm_gem_shmem_vm_close(w.bo);
  };
  std::string after;
  const auto end = [&after](World& w) { after = counts(w) + "," + std::to_string(w.bo.madv); };
  for (const bool exec : {false, true}) {
    const ExplorationResult r = run_one(
        [exec, calls](World& w) {
          if (exec) {
            in_exec(w, [&w, calls] { calls(w); });
          } else {
            dma_resv_lock(w.resv, nullptr);
            calls(w);
            dma_resv_unlock(w.resv);
          }
        },
        end);
    STRCMP_EQUAL("", kinds(r).c_str());
    STRCMP_EQUAL("0,0,--,-1", after.c_str());
    CHECK_TRUE(LockGraph(r.observations).cycles().empty());
  }
}

TEST(HelperV6_4, EnomemUnwindsTheCounts) {
  std::set<std::string> outcomes;
  const ExplorationResult r = run_one(
      [](World& w) {
        if (v6_4::drm_gem_shmem_get_pages_sgt(w.bo) == kENOMEM) return;
        v6_4::drm_gem_shmem_vmap(w.bo);
      },
      [&outcomes](World& w) { outcomes.insert(counts(w) + (w.bo.has_vaddr ? "v" : "-")); },
      Injection{.enomem = true});
  STRCMP_EQUAL("", kinds(r).c_str());
  // the pages or the sg table fail; vmap() fails (its pages reference is put back); all succeed.
  CHECK(outcomes == (std::set<std::string>{"0,0,---", "1,0,ps-", "2,1,psv"}));
  // A failed mmap takes no pages and no GEM reference.
  outcomes.clear();
  const ExplorationResult m =
      run_one([](World& w) { w.ret[0] = v6_4::drm_gem_shmem_mmap(w.bo, Mapping::shared); },
              [&outcomes](World& w) {
                outcomes.insert(std::to_string(w.ret[0]) + " " + counts(w) + "," +
                                std::to_string(w.bo.gem.refs));
              },
              Injection{.enomem = true});
  STRCMP_EQUAL("", kinds(m).c_str());
  CHECK(outcomes == (std::set<std::string>{"-12 0,0,--,1", "0 1,0,p-,2"}));
}

TEST(HelperV6_4, InterruptiblePagesLockIsEintrOnlyWhenItWouldBlock) {
  // Both threads take pages_lock interruptibly (t1 to build the sg table, t2 for a pages
  // reference): whichever runs while the other holds it may be interrupted, never both.
  std::set<std::string> outcomes;
  const auto end = [&outcomes](World& w) {
    outcomes.insert(std::to_string(w.ret[0]) + " " + std::to_string(w.ret[1]) + " " + counts(w));
  };
  const auto t1 = [](World& w) { w.ret[0] = v6_4::drm_gem_shmem_get_pages_sgt(w.bo); };
  const auto t2 = [](World& w) {
    w.ret[1] = v6_4::drm_gem_shmem_get_pages(w.bo);
    if (w.ret[1] == 0) v6_4::drm_gem_shmem_put_pages(w.bo);
  };
  for (const bool inject : {false, true}) {
    outcomes.clear();
    const ExplorationResult r = run_threads(t1, t2, end, Injection{.eintr = inject});
    STRCMP_EQUAL("", kinds(r).c_str());
    CHECK(outcomes == (inject ? std::set<std::string>{"0 0 1,0,ps", "0 -4 1,0,ps", "-4 0 0,0,--"}
                              : std::set<std::string>{"0 0 1,0,ps"}));
  }
  // Alone, the lock is always free when it runs: no -EINTR even with the injection.
  outcomes.clear();
  STRCMP_EQUAL("", kinds(run_threads(t2, {}, end, Injection{.eintr = true})).c_str());
  CHECK(outcomes == std::set<std::string>{"1 0 0,0,--"});
}

TEST(HelperV6_4, VmapUnwindsWhenItsPagesLockWaitIsInterrupted) {
  // t1 holds pages_lock (uninterruptibly, in madvise); vmap_lock is free, so t2's -EINTR can
  // only come from get_pages inside vmap, which resets vmap_use_count.
  std::set<std::string> outcomes;
  const auto end = [&outcomes](World& w) {
    outcomes.insert(std::to_string(w.ret[1]) + " " + counts(w) + (w.bo.has_vaddr ? "v" : "-"));
  };
  for (const bool inject : {false, true}) {
    outcomes.clear();
    const ExplorationResult r =
        run_threads([](World& w) { v6_4::drm_gem_shmem_madvise(w.bo, 0); },
                    [](World& w) { w.ret[1] = v6_4::drm_gem_shmem_vmap(w.bo); }, end,
                    Injection{.eintr = inject});
    STRCMP_EQUAL("", kinds(r).c_str());
    CHECK(outcomes == (inject ? std::set<std::string>{"-4 0,0,---", "0 1,1,p-v"}
                              : std::set<std::string>{"0 1,1,p-v"}));
  }
}

}  // namespace resvcheck::model
