// The helper as merged (v6.5) on the engine, each case both ways: the review's pin inside
// drm_exec (KT-1), vmap balance (KT-6), a locked-contract call without the resv, free while
// pinned (KT-7), the last put under the object's own resv (KT-8), get_pages_sgt inside drm_exec
// (KT-14), and -ENOMEM unwinding.
#include "model/helper_v6_5.h"

#include <array>
#include <functional>
#include <set>
#include <string>

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
  explicit World(Injection inject = {})
      : ShmemWorld(Version::v6_5, v6_5::drm_gem_shmem_free, inject) {}
};

/// Explores one thread running `body`; `end` sees the object when the execution ends.
ExplorationResult run_one(std::function<void(World&)> body, std::function<void(World&)> end = {},
                          Injection inject = {}) {
  return sched::explore(
      [body, end, inject] {
        World* w = sched::make<World>(inject);
        sched::spawn("t", [w, body] {
          body(*w);
          w->kernel.lockdep.check_exit();
        });
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      sched::Config{});
}

}  // namespace

TEST_GROUP(HelperV6_5){};

TEST(HelperV6_5, PinInsideDrmExecSelfDeadlocksAndOutsideIsClean) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  in_exec(w, [&w] { v6_5::drm_gem_shmem_pin(w.bo); });
                                })).c_str());
  uint32_t use = 0;
  STRCMP_EQUAL("", kinds(run_one(
                             [](World& w) {
                               v6_5::drm_gem_shmem_pin(w.bo);
                               in_exec(w, [] {});
                             },
                             [&use](World& w) { use = w.bo.pages_use_count.value(); }))
                       .c_str());
  UNSIGNED_LONGS_EQUAL(1, use);
}

TEST(HelperV6_5, VunmapBelowZeroIsUnderflowAndBalancedIsClean) {
  const auto program = [](int vunmaps) {
    return [vunmaps](World& w) {
      dma_resv_lock(w.resv, nullptr);
      v6_5::drm_gem_shmem_vmap(w.bo);
      v6_5::drm_gem_shmem_vmap(w.bo);
      for (int i = 0; i < vunmaps; ++i) v6_5::drm_gem_shmem_vunmap(w.bo);
      dma_resv_unlock(w.resv);
    };
  };
  std::string counts;
  const auto end = [&counts](World& w) {
    counts = std::to_string(w.bo.vmap_use_count.value()) + "," +
             std::to_string(w.bo.pages_use_count.value()) + "," + (w.bo.has_pages ? "p" : "-");
  };
  STRCMP_EQUAL("", kinds(run_one(program(2), end)).c_str());
  STRCMP_EQUAL("0,0,-", counts.c_str());
  STRCMP_EQUAL("underflow", kinds(run_one(program(3), end)).c_str());
  STRCMP_EQUAL("0,0,-", counts.c_str());  // the WARN_ON_ONCE guard: no wrap, no double put
}

TEST(HelperV6_5, VmapWithoutTheResvIsAssertHeld) {
  STRCMP_EQUAL("assert_held",
               kinds(run_one([](World& w) { v6_5::drm_gem_shmem_vmap(w.bo); })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_5::drm_gem_vmap_unlocked(w.bo);
                     v6_5::drm_gem_vunmap_unlocked(w.bo);
                   })).c_str());
}

TEST(HelperV6_5, FreeWhilePinnedTwiceLeaksAndOnceLosesThePinSilently) {
  const auto program = [](int pins) {
    return [pins](World& w) {
      for (int i = 0; i < pins; ++i) v6_5::drm_gem_shmem_pin(w.bo);
      drm_gem_object_put(w.bo.gem);
    };
  };
  STRCMP_EQUAL("", kinds(run_one(program(1))).c_str());
  STRCMP_EQUAL("leak", kinds(run_one(program(2))).c_str());
}

TEST(HelperV6_5, TheLastPutUnderTheObjectsOwnResvSelfDeadlocks) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  dma_resv_lock(w.resv, nullptr);
                                  drm_gem_object_put(w.bo.gem);
                                  dma_resv_unlock(w.resv);
                                })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     dma_resv_lock(w.resv, nullptr);
                     dma_resv_unlock(w.resv);
                     drm_gem_object_put(w.bo.gem);
                   })).c_str());
}

TEST(HelperV6_5, GetPagesSgtInsideDrmExecSelfDeadlocks) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  in_exec(w, [&w] { v6_5::drm_gem_shmem_get_pages_sgt(w.bo); });
                                })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     v6_5::drm_gem_shmem_get_pages_sgt(w.bo);
                     in_exec(w, [] {});
                   })).c_str());
}

TEST(HelperV6_5, EnomemUnwindsTheCounts) {
  std::set<std::string> outcomes;
  const ExplorationResult r = run_one(
      [](World& w) {
        if (v6_5::drm_gem_shmem_get_pages_sgt(w.bo) == kENOMEM) return;
        dma_resv_lock(w.resv, nullptr);
        v6_5::drm_gem_shmem_vmap(w.bo);
        dma_resv_unlock(w.resv);
      },
      [&outcomes](World& w) {
        outcomes.insert(std::to_string(w.bo.pages_use_count.value()) + "," +
                        std::to_string(w.bo.vmap_use_count.value()) + "," +
                        (w.bo.has_pages ? "p" : "-") + (w.bo.has_sgt ? "s" : "-"));
      },
      Injection{.enomem = true});
  STRCMP_EQUAL("", kinds(r).c_str());
  // the pages or the sg table fail; vmap() fails; all succeed.
  CHECK(outcomes == (std::set<std::string>{"0,0,--", "1,0,ps", "2,1,ps"}));
}

}  // namespace resvcheck::model

namespace resvcheck::model {

TEST(HelperV6_5, AFaultOnACopyOnWriteMappingIsTheBugAndSharedIsClean) {
  const auto program = [](Mapping mapping, bool* after) {
    return [mapping, after](World& w) {
      v6_5::drm_gem_shmem_mmap(w.bo, mapping);
      v6_5::drm_gem_shmem_fault(w.bo);
      *after = true;  // not reached after the BUG: the thread stops there
      v6_5::drm_gem_shmem_vm_close(w.bo);
    };
  };
  bool after = false;
  STRCMP_EQUAL("", kinds(run_one(program(Mapping::shared, &after))).c_str());
  CHECK(after);
  after = false;
  STRCMP_EQUAL("warn", kinds(run_one(program(Mapping::private_, &after))).c_str());
  CHECK(!after);
}

}  // namespace resvcheck::model
