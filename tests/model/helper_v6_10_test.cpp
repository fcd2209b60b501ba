// The v6.10 .. v6.15 helper on the engine, each case both ways: the review's pin inside drm_exec
// with the now exported pin_locked (KT-1, B2), drm_gem_pin with an old driver pin callback
// (KT-15), drm_gem_pin under the caller's own resv, drm_gem_pin's uninterruptible lock, the
// unsigned counter guard, the copy-on-write mmap refusal (39bc27bd6880), and pin_locked without the
// resv.
#include "model/helper_v6_10.h"

#include <array>
#include <functional>
#include <set>
#include <string>
#include <string_view>
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
      : ShmemWorld(Version::v6_10, v6_10::drm_gem_shmem_free, inject, pin_callback) {}
};

/// Explores one thread per body (named t0, t1, ...); `end` sees the object when the execution
/// ends.
ExplorationResult run_threads(std::vector<std::function<void(World&)>> bodies,
                              std::function<void(World&)> end = {}, Injection inject = {},
                              PinCallback pin_callback = PinCallback::object_pin) {
  static constexpr std::array<std::string_view, 2> kNames = {"t0", "t1"};
  return sched::explore(
      [bodies, end, inject, pin_callback] {
        World* w = sched::make<World>(inject, pin_callback);
        for (size_t i = 0; i < bodies.size(); ++i)
          sched::spawn(kNames[i], [w, body = bodies[i]] {
            body(*w);
            w->kernel.lockdep.check_exit();
          });
        if (end) sched::at_execution_end([w, end] { end(*w); });
      },
      sched::Config{});
}

ExplorationResult run_one(std::function<void(World&)> body, std::function<void(World&)> end = {},
                          PinCallback pin_callback = PinCallback::object_pin) {
  return run_threads({std::move(body)}, std::move(end), {}, pin_callback);
}

}  // namespace

TEST_GROUP(HelperV6_10){};

// KT-1 (B2): the self-locking pin still re-locks the resv the exec holds; the exported
// pin_locked is what Boris asked for.
TEST(HelperV6_10, PinInsideDrmExecSelfDeadlocksAndPinLockedIsClean) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  in_exec(w, [&w] { v6_10::drm_gem_shmem_pin(w.bo); });
                                })).c_str());
  uint32_t use = 0;
  STRCMP_EQUAL(
      "",
      kinds(run_one([](World& w) { in_exec(w, [&w] { v6_10::drm_gem_shmem_pin_locked(w.bo); }); },
                    [&use](World& w) { use = w.bo.pages_use_count.value(); }))
          .c_str());
  UNSIGNED_LONGS_EQUAL(1, use);
}

// KT-15: drm_gem_pin holds the resv when it calls funcs->pin.
TEST(HelperV6_10, DrmGemPinWithTheSelfLockingCallbackSelfDeadlocksAndObjectPinIsClean) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) { v6_10::drm_gem_pin(w.bo); }, {},
                                              PinCallback::shmem_pin))
                                    .c_str());
  // Every execution sees one pages reference while pinned and none after the unpin.
  std::set<std::string> counts;
  const auto seen = [&counts](World& w, const char* when) {
    counts.insert(when + std::to_string(w.bo.pages_use_count.value()) +
                  (w.bo.has_pages ? "p" : "-"));
  };
  STRCMP_EQUAL("", kinds(run_one(
                             [seen](World& w) {
                               v6_10::drm_gem_pin(w.bo);
                               seen(w, "pinned:");
                               v6_10::drm_gem_unpin(w.bo);
                             },
                             [seen](World& w) { seen(w, "end:"); }))
                       .c_str());
  CHECK(counts == (std::set<std::string>{"pinned:1p", "end:0-"}));
}

TEST(HelperV6_10, DrmGemPinUnderTheCallersOwnResvSelfDeadlocks) {
  STRCMP_EQUAL("self_deadlock", kinds(run_one([](World& w) {
                                  dma_resv_lock(w.resv, nullptr);
                                  v6_10::drm_gem_pin(w.bo);
                                  dma_resv_unlock(w.resv);
                                })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     dma_resv_lock(w.resv, nullptr);
                     dma_resv_unlock(w.resv);
                     v6_10::drm_gem_pin(w.bo);
                     v6_10::drm_gem_unpin(w.bo);
                   })).c_str());
}

// a78027847226 made GEM pin uninterruptible; the helper's own pin still waits interruptibly.
TEST(HelperV6_10, DrmGemPinNeverReturnsEintrButTheSelfLockingPinCan) {
  const auto returns = [](bool gem_core) {
    std::set<int> rets;
    const ExplorationResult r = run_threads(
        {[](World& w) {
           dma_resv_lock(w.resv, nullptr);
           dma_resv_unlock(w.resv);
         },
         [gem_core, &rets](World& w) {
           const int ret = gem_core ? v6_10::drm_gem_pin(w.bo) : v6_10::drm_gem_shmem_pin(w.bo);
           rets.insert(ret);
         }},
        {}, Injection{.eintr = true});
    STRCMP_EQUAL("", kinds(r).c_str());
    return rets;
  };
  CHECK(returns(true) == (std::set<int>{0}));
  CHECK(returns(false) == (std::set<int>{0, kEINTR}));
}

// 39bc27bd6880: a copy-on-write mapping is refused before anything is locked or counted.
TEST(HelperV6_10, CowMmapIsRefusedAndASharedMappingFaultsCleanly) {
  int ret = 1;
  std::string state;
  const auto end = [&state](World& w) {
    state = std::to_string(w.bo.pages_use_count.value()) + (w.bo.has_pages ? "p" : "-") +
            (w.bo.cow_mapped ? "c" : "-") + std::to_string(w.bo.gem.refs);
  };
  STRCMP_EQUAL(
      "",
      kinds(run_one([&ret](World& w) { ret = v6_10::drm_gem_shmem_mmap(w.bo, Mapping::private_); },
                    end))
          .c_str());
  LONGS_EQUAL(kEINVAL, ret);
  STRCMP_EQUAL("0--1", state.c_str());

  int fault = 1;
  STRCMP_EQUAL("", kinds(run_one(
                             [&ret, &fault](World& w) {
                               ret = v6_10::drm_gem_shmem_mmap(w.bo, Mapping::shared);
                               fault = v6_10::drm_gem_shmem_fault(w.bo);
                               v6_10::drm_gem_shmem_vm_close(w.bo);
                             },
                             end))
                       .c_str());
  LONGS_EQUAL(0, ret);
  LONGS_EQUAL(0, fault);
  STRCMP_EQUAL("0--1", state.c_str());
}

TEST(HelperV6_10, PinLockedWithoutTheResvIsAssertHeld) {
  STRCMP_EQUAL("assert_held",
               kinds(run_one([](World& w) { v6_10::drm_gem_shmem_pin_locked(w.bo); })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     dma_resv_lock(w.resv, nullptr);
                     v6_10::drm_gem_shmem_pin_locked(w.bo);
                     v6_10::drm_gem_shmem_unpin_locked(w.bo);
                     dma_resv_unlock(w.resv);
                   })).c_str());
}

// The counters are still plain unsigned ints: an unpin at zero is the WARN_ON_ONCE guard (no
// refcount_t saturation), so a later pin counts normally.
TEST(HelperV6_10, UnpinLockedAtZeroIsAnUnsignedGuardedUnderflow) {
  const auto program = [](int unpins) {
    return [unpins](World& w) {
      dma_resv_lock(w.resv, nullptr);
      v6_10::drm_gem_shmem_pin_locked(w.bo);
      for (int i = 0; i < unpins; ++i) v6_10::drm_gem_shmem_unpin_locked(w.bo);
      v6_10::drm_gem_shmem_pin_locked(w.bo);
      dma_resv_unlock(w.resv);
    };
  };
  std::string state;
  const auto end = [&state](World& w) {
    state = std::to_string(w.bo.pages_use_count.value()) +
            (w.bo.pages_use_count.saturated() ? "s" : "-") + (w.bo.has_pages ? "p" : "-");
  };
  STRCMP_EQUAL("", kinds(run_one(program(1), end)).c_str());
  STRCMP_EQUAL("1-p", state.c_str());
  STRCMP_EQUAL("underflow", kinds(run_one(program(2), end)).c_str());
  STRCMP_EQUAL("1-p", state.c_str());
}

// pin_locked WARNs on an import (the Apr-2024 import check), then fails: the import has no shmem
// file, so drm_gem_get_pages WARNs and returns -EINVAL, nothing counted. unpin_locked of the
// import finds no pages reference: underflow. On the native object both are clean.
TEST(HelperV6_10, PinLockedOnAnImportWarnsAndFails) {
  int ret = 0;
  uint32_t use = 1;
  const auto pin_import = [&ret, &use](World& w) {
    ShmemObject* imp =
        sched::make<ShmemObject>(w.kernel, "imp", w.resv, &w.bo, PinCallback::object_pin);
    dma_resv_lock(w.resv, nullptr);
    ret = v6_10::drm_gem_shmem_pin_locked(*imp);
    use = imp->pages_use_count.value();
    dma_resv_unlock(w.resv);
  };
  STRCMP_EQUAL("warn", kinds(run_one(pin_import)).c_str());
  LONGS_EQUAL(kEINVAL, ret);
  UNSIGNED_LONGS_EQUAL(0, use);
  STRCMP_EQUAL("underflow", kinds(run_one([](World& w) {
                              ShmemObject* imp = sched::make<ShmemObject>(
                                  w.kernel, "imp", w.resv, &w.bo, PinCallback::object_pin);
                              dma_resv_lock(w.resv, nullptr);
                              v6_10::drm_gem_shmem_unpin_locked(*imp);
                              dma_resv_unlock(w.resv);
                            })).c_str());
  STRCMP_EQUAL("", kinds(run_one([](World& w) {
                     dma_resv_lock(w.resv, nullptr);
                     CHECK_EQUAL(0, v6_10::drm_gem_shmem_pin_locked(w.bo));
                     v6_10::drm_gem_shmem_unpin_locked(w.bo);
                     dma_resv_unlock(w.resv);
                   })).c_str());
}

}  // namespace resvcheck::model
