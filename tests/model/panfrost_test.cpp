// panfrost's madvise ioctl and shrinker (model/panfrost.h) on the engine, in every version, each
// case both ways: the shrinker list the ioctl keeps and its lock order, what a scan purges, a
// busy shrinker_lock, the shrinker against a fault (KT-4), reclaim while holding the resv (KT-5),
// the ioctl against the scan in opposite lock orders, -EINTR from the ioctl's resv lock, and a
// vmap racing the scan's lockless purgeable check, the free path of a listed object. The "other
// way" is a shrinker written here (never in the model): one that blocks where panfrost trylocks
// self-deadlocks under reclaim, deadlocks against the ioctl and inverts the primed resv ->
// fs_reclaim order; one that asks is_purgeable again under the object's lock closes the race.
#include "model/panfrost.h"

#include <array>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/lock_graph.h"
#include "model/lockdep.h"
#include "model/mutex.h"
#include "model/page_alloc.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;

struct World {
  Kernel kernel;
  Mutex shrinker_lock;
  DmaResv resv;
  DmaResv resv2;
  ShmemObject bo;
  ShmemObject bo2;
  PanfrostDevice dev;
  std::array<int, 2> ret = {1, 1};  // what each thread's call of interest returned
  World(Version v, Injection inject)
      : kernel(v, inject),
        shrinker_lock(kernel, "shrinker_lock"),
        resv(kernel, "bo.resv", kernel.reservation_class),
        resv2(kernel, "bo2.resv", kernel.reservation_class),
        bo(kernel, "bo", resv, nullptr, PinCallback::object_pin),
        bo2(kernel, "bo2", resv2, nullptr, PinCallback::object_pin),
        dev(kernel, shrinker_lock) {
    bo.gem.free = panfrost_gem_free_object;
    bo2.gem.free = panfrost_gem_free_object;
  }
  bool v6_4() const { return kernel.version == Version::v6_4; }
};

using Body = std::function<void(World&)>;

/// Explores the setup alone, then t1 and t2 (if given) on version `v`; `end` sees the world when
/// the execution ends. Every execution is replayed to check the model is deterministic.
ExplorationResult explore_pf(Version v, Body setup, Body t1, Body t2 = {}, Body end = {},
                             Injection inject = {}) {
  sched::Config config;
  config.check_determinism = true;
  ExplorationResult r = sched::explore(
      [v, setup, t1, t2, end, inject] {
        World* w = sched::make<World>(v, inject);
        const auto spawn = [w](const char* name, Body body, bool first) {
          const auto run_body = [w, body] {
            body(*w);
            w->kernel.lockdep.check_exit();
          };
          if (first)
            sched::spawn_setup(name, run_body);
          else
            sched::spawn(name, run_body);
        };
        if (setup) spawn("setup", setup, true);
        spawn("t1", t1, false);
        if (t2) spawn("t2", t2, false);
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      config);
  CHECK_FALSE(r.error.has_value());
  CHECK_TRUE(r.stats.complete);
  return r;
}

/// Appends `item` to the list `out`, after `sep` unless it is the first.
void append(std::string& out, std::string_view sep, std::string_view item) {
  if (!out.empty()) out += sep;
  out += item;
}

/// The observed lock-order edges, "a -> b, b -> c".
std::string edges(const ExplorationResult& r) {
  std::string out;
  for (const sched::ObservationSummary& o : r.observations) {
    const auto edge = parse_lock_edge_key(o.key);
    if (edge) append(out, ", ", edge->first + " -> " + edge->second);
  }
  return out;
}

/// The lock-order cycles, "a -> b -> a; ...".
std::string cycles(const ExplorationResult& r) {
  std::string out;
  for (const LockCycle& c : LockGraph(r.observations).cycles()) append(out, "; ", cycle_text(c));
  return out;
}

/// The shrinker list, "bo2 bo".
std::string listed(const World& w) {
  std::string out;
  for (const ShmemObject* o : w.dev.shrinker_list) append(out, " ", o->name);
  return out;
}

// drm_gem_shmem_get_pages_sgt of the version
void get_pages_sgt(ShmemObject& obj) {
  switch (obj.kernel->version) {
    case Version::v6_4:
      v6_4::drm_gem_shmem_get_pages_sgt(obj);
      return;
    case Version::v6_5:
    case Version::v6_10:
      v6_5::drm_gem_shmem_get_pages_sgt(obj);
      return;
    case Version::v6_16:
      v6_16::drm_gem_shmem_get_pages_sgt(obj);
      return;
  }
}

// the GEM core's self-locking vmap of the version (drm_gem_vmap_unlocked; drm_gem_vmap in v6.16)
void vmap(ShmemObject& obj) {
  switch (obj.kernel->version) {
    case Version::v6_4:
      v6_4::drm_gem_vmap_unlocked(obj);
      return;
    case Version::v6_5:
    case Version::v6_10:
      v6_5::drm_gem_vmap_unlocked(obj);
      return;
    case Version::v6_16:
      v6_16::drm_gem_vmap(obj);
      return;
  }
}

// drm_gem_shmem_mmap of the version
void mmap(ShmemObject& obj) {
  switch (obj.kernel->version) {
    case Version::v6_4:
      v6_4::drm_gem_shmem_mmap(obj, Mapping::shared);
      return;
    case Version::v6_5:
      v6_5::drm_gem_shmem_mmap(obj, Mapping::shared);
      return;
    case Version::v6_10:
      v6_10::drm_gem_shmem_mmap(obj, Mapping::shared);
      return;
    case Version::v6_16:
      v6_16::drm_gem_shmem_mmap(obj, Mapping::shared);
      return;
  }
}

// drm_gem_shmem_fault of the version
int fault(ShmemObject& obj) {
  switch (obj.kernel->version) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_fault(obj);
    case Version::v6_5:
    case Version::v6_10:
      return v6_5::drm_gem_shmem_fault(obj);
    case Version::v6_16:
      break;
  }
  return v6_16::drm_gem_shmem_fault(obj);
}

/// Not the driver: a shrinker that blocks where panfrost trylocks (shrinker_lock, then pages_lock
/// in v6.4 or the resv with a NULL context), under fs_reclaim, purging `obj` if it is purgeable.
void blocking_reclaim(World& w, ShmemObject& obj) {
  Lockdep& lockdep = w.kernel.lockdep;
  lockdep.check_acquire(fs_reclaim_map(), nullptr);
  lockdep.acquired({.lock = fs_reclaim_map(), .how = ""});
  mutex_lock(w.shrinker_lock);
  if (w.v6_4()) {
    mutex_lock(obj.pages_lock);
    if (v6_4::drm_gem_shmem_is_purgeable(obj)) v6_4::drm_gem_shmem_purge_locked(obj);
    mutex_unlock(obj.pages_lock);
  } else {
    dma_resv_lock(obj.resv(), nullptr);
    if (w.kernel.version == Version::v6_16) {
      if (v6_16::drm_gem_shmem_is_purgeable(obj)) v6_16::drm_gem_shmem_purge_locked(obj);
    } else if (v6_5::drm_gem_shmem_is_purgeable(obj)) {
      v6_5::drm_gem_shmem_purge(obj);
    }
    dma_resv_unlock(obj.resv());
  }
  mutex_unlock(w.shrinker_lock);
  lockdep.released(fs_reclaim_map().instance);
}

/// Not the driver: panfrost's scan of one object with drm_gem_shmem_is_purgeable asked again
/// once the object's lock is held (v6.5+ names), under shrinker_lock and fs_reclaim.
void rechecking_scan(World& w, ShmemObject& obj) {
  Lockdep& lockdep = w.kernel.lockdep;
  lockdep.check_acquire(fs_reclaim_map(), nullptr);
  lockdep.acquired({.lock = fs_reclaim_map(), .how = ""});
  if (mutex_trylock(w.shrinker_lock)) {
    if (dma_resv_trylock(obj.resv())) {
      if (w.kernel.version == Version::v6_16) {
        if (v6_16::drm_gem_shmem_is_purgeable(obj)) v6_16::drm_gem_shmem_purge_locked(obj);
      } else if (v6_5::drm_gem_shmem_is_purgeable(obj)) {
        v6_5::drm_gem_shmem_purge(obj);
      }
      dma_resv_unlock(obj.resv());
    }
    mutex_unlock(w.shrinker_lock);
  }
  lockdep.released(fs_reclaim_map().instance);
}

/// bo with an sg table, marked dontneed through the ioctl.
void purgeable_bo(World& w) {
  get_pages_sgt(w.bo);
  panfrost_ioctl_madvise(w.dev, w.bo, 1);
}

}  // namespace

TEST_GROUP(Panfrost){};

TEST(Panfrost, TheIoctlKeepsTheShrinkerListInMarkingOrder) {
  for (Version v : kAllVersions) {
    std::string list;
    const ExplorationResult r = explore_pf(
        v, {},
        [](World& w) {
          get_pages_sgt(w.bo);
          get_pages_sgt(w.bo2);
          w.ret[0] = panfrost_ioctl_madvise(w.dev, w.bo, 1);
          panfrost_ioctl_madvise(w.dev, w.bo2, 1);
          panfrost_ioctl_madvise(w.dev, w.bo, 1);  // moved to the tail
        },
        {}, [&list](World& w) { list = listed(w) + " " + std::to_string(w.ret[0]); });
    STRCMP_EQUAL("", kinds(r).c_str());
    STRCMP_EQUAL("bo2 bo 0", list.c_str());
    const ExplorationResult off = explore_pf(
        v, {},
        [](World& w) {
          purgeable_bo(w);
          panfrost_ioctl_madvise(w.dev, w.bo, 0);  // willneed: off the list
        },
        {}, [&list](World& w) { list = listed(w) + " madv " + std::to_string(w.bo.madv); });
    STRCMP_EQUAL("", kinds(off).c_str());
    STRCMP_EQUAL(" madv 0", list.c_str());
  }
}

TEST(Panfrost, TheIoctlTakesTheResvThenShrinkerLockFromV6_5) {
  const Body ioctl = [](World& w) { panfrost_ioctl_madvise(w.dev, w.bo, 1); };
  // v6.4: no resv; the helper's madvise takes pages_lock under shrinker_lock.
  STRCMP_EQUAL("shrinker_lock -> pages_lock", edges(explore_pf(Version::v6_4, {}, ioctl)).c_str());
  for (Version v : {Version::v6_5, Version::v6_10, Version::v6_16})
    STRCMP_EQUAL("reservation_ww_class_mutex -> shrinker_lock",
                 edges(explore_pf(v, {}, ioctl)).c_str());
}

TEST(Panfrost, AScanPurgesWhatIsPurgeableAndKeepsTheRest) {
  for (Version v : kAllVersions) {
    std::string after;
    const ExplorationResult r = explore_pf(
        v, {},
        [](World& w) {
          purgeable_bo(w);
          get_pages_sgt(w.bo2);
          vmap(w.bo2);  // never purgeable while mapped
          panfrost_ioctl_madvise(w.dev, w.bo2, 1);
          w.ret[0] = static_cast<int>(kswapd_shrink(w.dev));
        },
        {},
        [&after](World& w) {
          after = std::to_string(w.ret[0]) + " " + listed(w) + " " + std::to_string(w.bo.madv) +
                  "," + std::to_string(w.bo2.madv) + (w.bo.has_sgt ? " s" : " -");
        });
    STRCMP_EQUAL("", kinds(r).c_str());
    STRCMP_EQUAL("1 bo2 -1,1 -", after.c_str());
  }
}

TEST(Panfrost, ABusyShrinkerLockEndsTheScan) {
  for (Version v : kAllVersions) {
    int freed = -1;
    const auto scan_holding = [](bool hold) {
      return [hold](World& w) {
        purgeable_bo(w);
        if (hold) mutex_lock(w.shrinker_lock);
        w.ret[0] = static_cast<int>(panfrost_gem_shrinker_scan(w.dev));
        if (hold) mutex_unlock(w.shrinker_lock);
      };
    };
    const Body end = [&freed](World& w) { freed = w.ret[0] * 10 + w.bo.madv; };
    STRCMP_EQUAL("", kinds(explore_pf(v, {}, scan_holding(true), {}, end)).c_str());
    LONGS_EQUAL(1, freed);  // nothing purged, madv 1
    STRCMP_EQUAL("", kinds(explore_pf(v, {}, scan_holding(false), {}, end)).c_str());
    LONGS_EQUAL(9, freed);  // one purged, madv -1
  }
}

TEST(Panfrost, KT4AScanAgainstAFaultNeverDeadlocks) {
  for (Version v : kAllVersions) {
    std::set<std::string> outcomes;
    const Body setup = [](World& w) {
      mmap(w.bo);
      purgeable_bo(w);
    };
    const Body end = [&outcomes](World& w) {
      outcomes.insert((w.ret[0] == kVmFaultSigbus ? "SIGBUS " : "0 ") + std::to_string(w.bo.madv) +
                      "," + std::to_string(w.bo.pages_use_count.value()));
    };
    const ExplorationResult r = explore_pf(
        v, setup, [](World& w) { w.ret[0] = fault(w.bo); }, [](World& w) { kswapd_shrink(w.dev); },
        end);
    STRCMP_EQUAL("", kinds(r).c_str());
    STRCMP_EQUAL("", cycles(r).c_str());
    // The fault first (then purged); the scan meeting the fault's lock (skipped); the scan
    // first (the fault refused). The VMA's pages reference survives the purge.
    CHECK(outcomes == (std::set<std::string>{"0 -1,1", "0 1,2", "SIGBUS -1,1"}));
    // Blocking in the shrinker: no deadlock with the fault, but under fs_reclaim it inverts the
    // order allocations under the object lock show (v6.4: pages_lock -> fs_reclaim in the
    // mmap's get_pages) or dma_resv_lockdep primes (resv -> fs_reclaim).
    const ExplorationResult blocking = explore_pf(
        v, setup, [](World& w) { w.ret[0] = fault(w.bo); },
        [](World& w) { blocking_reclaim(w, w.bo); });
    STRCMP_EQUAL("", kinds(blocking).c_str());
    CHECK_TRUE(cycles(blocking).starts_with(
        v == Version::v6_4 ? "fs_reclaim -> pages_lock -> fs_reclaim"
                           : "fs_reclaim -> reservation_ww_class_mutex -> fs_reclaim"));
  }
}

TEST(Panfrost, KT5ReclaimWhileHoldingTheResvSkipsTheObject) {
  for (Version v : kAllVersions) {
    int madv = 0;
    const ExplorationResult r = explore_pf(
        v, purgeable_bo,
        [](World& w) {
          dma_resv_lock(w.resv, nullptr);
          w.ret[0] = static_cast<int>(direct_reclaim(w.dev));
          dma_resv_unlock(w.resv);
        },
        {}, [&madv](World& w) { madv = w.ret[0] * 10 + w.bo.madv; });
    STRCMP_EQUAL("", kinds(r).c_str());
    CHECK_TRUE(edges(r).find("reservation_ww_class_mutex -> fs_reclaim") != std::string::npos);
    CHECK_TRUE(edges(r).find("fs_reclaim ->") == std::string::npos);  // the scan only trylocks
    STRCMP_EQUAL("", cycles(r).c_str());
    // v6.5+: the trylock fails on the thread's own resv. v6.4's scan tries pages_lock instead,
    // which the thread does not hold: purged.
    LONGS_EQUAL(v == Version::v6_4 ? 9 : 1, madv);
  }
}

TEST(Panfrost, KT5ABlockingShrinkerUnderReclaimSelfDeadlocks) {
  for (Version v : kAllVersions) {
    const ExplorationResult r = explore_pf(v, purgeable_bo, [](World& w) {
      if (w.v6_4())
        mutex_lock(w.bo.pages_lock);  // what v6.4's shrinker would meet
      else
        dma_resv_lock(w.resv, nullptr);
      blocking_reclaim(w, w.bo);
    });
    STRCMP_EQUAL("self_deadlock", kinds(r).c_str());
    if (v != Version::v6_4)  // lockdep's view: reclaim under the resv takes the resv again
      CHECK_TRUE(cycles(r).starts_with("fs_reclaim -> reservation_ww_class_mutex -> fs_reclaim"));
  }
}

TEST(Panfrost, TheIoctlAgainstTheScanInOppositeOrdersIsCleanOnlyWithTrylocks) {
  for (Version v : kAllVersions) {
    const Body ioctl = [](World& w) { panfrost_ioctl_madvise(w.dev, w.bo, 0); };
    const ExplorationResult r =
        explore_pf(v, purgeable_bo, ioctl, [](World& w) { kswapd_shrink(w.dev); });
    STRCMP_EQUAL("", kinds(r).c_str());
    STRCMP_EQUAL("", cycles(r).c_str());
    // Blocking in the scan: from v6.5 the ioctl's resv -> shrinker_lock meets the scan's
    // shrinker_lock -> resv (ABBA); v6.4's ioctl has the scan's order, shrinker_lock ->
    // pages_lock, so no deadlock there (only the fs_reclaim inversion of KT-4/KT-5).
    const ExplorationResult blocking =
        explore_pf(v, purgeable_bo, ioctl, [](World& w) { blocking_reclaim(w, w.bo); });
    if (v == Version::v6_4) {
      STRCMP_EQUAL("", kinds(blocking).c_str());
      CHECK_TRUE(cycles(blocking).find("pages_lock -> shrinker_lock") == std::string::npos);
    } else {
      STRCMP_EQUAL("deadlock", kinds(blocking).c_str());
      CHECK_TRUE(cycles(blocking).find("reservation_ww_class_mutex -> shrinker_lock") !=
                 std::string::npos);
    }
  }
}

TEST(Panfrost, TheIoctlsResvLockMayBeInterruptedFromV6_5) {
  for (Version v : kAllVersions) {
    std::set<std::string> outcomes;
    Injection eintr;
    eintr.eintr = true;
    const ExplorationResult r = explore_pf(
        v, {},
        [](World& w) {
          dma_resv_lock(w.resv, nullptr);
          dma_resv_unlock(w.resv);
        },
        [](World& w) {
          get_pages_sgt(w.bo);
          w.ret[1] = panfrost_ioctl_madvise(w.dev, w.bo, 1);
        },
        [&outcomes](World& w) {
          outcomes.insert(std::to_string(w.ret[1]) + " [" + listed(w) + "] " +
                          std::to_string(w.bo.madv));
        },
        eintr);
    STRCMP_EQUAL("", kinds(r).c_str());
    if (v == Version::v6_4)  // shrinker_lock and pages_lock are taken uninterruptibly
      CHECK(outcomes == (std::set<std::string>{"0 [bo] 1"}));
    else  // interrupted: nothing changed
      CHECK(outcomes == (std::set<std::string>{"0 [bo] 1", std::to_string(kEINTR) + " [] 0"}));
  }
}

TEST(Panfrost, FreeingAListedObjectTakesItOffTheListUnderShrinkerLock) {
  for (Version v : kAllVersions) {
    std::set<std::string> outcomes;
    const Body end = [&outcomes](World& w) {
      outcomes.insert("[" + listed(w) + "] " + std::to_string(w.ret[1]) +
                      (w.bo.gem.freed ? " freed" : ""));
    };
    const Body put = [](World& w) { drm_gem_object_put(w.bo.gem); };
    const ExplorationResult r = explore_pf(
        v, purgeable_bo, put, [](World& w) { w.ret[1] = static_cast<int>(kswapd_shrink(w.dev)); },
        end);
    STRCMP_EQUAL("", kinds(r).c_str());
    // The scan purges before the free, or finds the list empty after it.
    CHECK(outcomes == (std::set<std::string>{"[] 0 freed", "[] 1 freed"}));
    // Freed under some other lock (bo2's vmap_lock will do): shrinker_lock nests in it when the
    // object is listed, and is not taken when it is not.
    const auto put_under_vmap_lock = [](bool listed) {
      return [listed](World& w) {
        get_pages_sgt(w.bo);
        if (listed) panfrost_ioctl_madvise(w.dev, w.bo, 1);
        mutex_lock(w.bo2.vmap_lock);
        drm_gem_object_put(w.bo.gem);
        mutex_unlock(w.bo2.vmap_lock);
      };
    };
    constexpr std::string_view kEdge = "vmap_lock -> shrinker_lock";
    const ExplorationResult on = explore_pf(v, {}, put_under_vmap_lock(true));
    STRCMP_EQUAL("", kinds(on).c_str());
    CHECK_TRUE(edges(on).find(kEdge) != std::string::npos);
    const ExplorationResult off = explore_pf(v, {}, put_under_vmap_lock(false));
    STRCMP_EQUAL("", kinds(off).c_str());
    CHECK_TRUE(edges(off).find("shrinker_lock") == std::string::npos);
  }
}

TEST(Panfrost, AVmapBetweenTheLocklessCheckAndTheTrylockIsPurgedWithAWarn) {
  // The driver asks drm_gem_shmem_is_purgeable before it trylocks the object and never again:
  // a kernel vmap in between is purged after the helper's WARN. Asking again under the lock
  // (not what panfrost does) closes the window.
  for (Version v : kAllVersions) {
    const Body vmapper = [](World& w) { vmap(w.bo); };
    STRCMP_EQUAL("warn", kinds(explore_pf(v, purgeable_bo, vmapper, [](World& w) {
                           kswapd_shrink(w.dev);
                         })).c_str());
    if (v == Version::v6_4) continue;  // rechecking_scan uses the resv
    STRCMP_EQUAL("", kinds(explore_pf(v, purgeable_bo, vmapper, [](World& w) {
                       rechecking_scan(w, w.bo);
                     })).c_str());
  }
}

}  // namespace resvcheck::model
