// drm_exec on the engine: two transactions in opposite orders back off and finish (KT-12),
// duplicates (KT-1b), objects after the loop, injected -EDEADLK, a relock with a NULL context
// inside the transaction (KT-1's shape), and the exec's own misuse.
#include "model/drm_exec.h"

#include <array>
#include <optional>
#include <set>
#include <string>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/gem_object.h"
#include "model/kernel.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

using sched::ExplorationResult;
using sched::Program;

struct World {
  Kernel kernel;
  DmaResv resv_o, resv_p;
  GemObject o, p;
  explicit World(Injection inject = {})
      : kernel(Version::v6_5, inject),
        resv_o(kernel, "o.resv", kernel.reservation_class),
        resv_p(kernel, "p.resv", kernel.reservation_class),
        o(kernel, "o", resv_o, nullptr),
        p(kernel, "p", resv_p, nullptr) {}
};

ExplorationResult explore_program(const Program& program) {
  return sched::explore(program, sched::Config{});
}

// Locks both objects in the given order, then releases everything.
Program two_transactions(Injection inject, std::set<std::string>* refs) {
  return [inject, refs] {
    World* w = sched::make<World>(inject);
    const auto tx = [w](GemObject* first, GemObject* second) {
      return [w, first, second] {
        DrmExec* exec = sched::make<DrmExec>(w->kernel, "e");
        const std::array<GemObject*, 2> objects = {first, second};
        CHECK_EQUAL(0, drm_exec_lock(*exec, objects, {}));
        drm_exec_fini(*exec);
      };
    };
    sched::spawn("t1", tx(&w->o, &w->p));
    sched::spawn("t2", tx(&w->p, &w->o));
    sched::at_execution_end(
        [w, refs] { refs->insert(std::to_string(w->o.refs) + "," + std::to_string(w->p.refs)); });
  };
}

}  // namespace

TEST_GROUP(DrmExec){};

TEST(DrmExec, OppositeOrdersBackOffAndBothFinish) {
  std::set<std::string> refs;
  const ExplorationResult r = explore_program(two_transactions({}, &refs));
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(r.stats.complete);
  CHECK(refs == std::set<std::string>{"1,1"});  // every reference the execs took is dropped
}

TEST(DrmExec, InjectedEdeadlkIsRetried) {
  std::set<std::string> refs;
  const ExplorationResult r = explore_program(two_transactions(Injection{.edeadlk = true}, &refs));
  STRCMP_EQUAL("", kinds(r).c_str());
  CHECK(refs == std::set<std::string>{"1,1"});
}

TEST(DrmExec, ADuplicateIsEalreadyUnlessIgnored) {
  std::set<int> rets;
  for (const bool ignore : {false, true}) {
    const ExplorationResult r = explore_program([ignore, &rets] {
      World* w = sched::make<World>();
      sched::spawn("t", [w, ignore, &rets] {
        DrmExec* exec = sched::make<DrmExec>(w->kernel, "e");
        const std::array<GemObject*, 1> objects = {&w->o};
        drm_exec_lock(*exec, objects, {.ignore_duplicates = ignore});
        rets.insert(drm_exec_lock_obj(*exec, w->o));
        drm_exec_fini(*exec);
      });
    });
    STRCMP_EQUAL("", kinds(r).c_str());
  }
  CHECK(rets == (std::set<int>{kEALREADY, 0}));
}

TEST(DrmExec, ANewObjectAfterTheLoopIsWwMisuse) {
  const ExplorationResult r = explore_program([] {
    World* w = sched::make<World>();
    sched::spawn("t", [w] {
      DrmExec* exec = sched::make<DrmExec>(w->kernel, "e");
      const std::array<GemObject*, 1> objects = {&w->o};
      drm_exec_lock(*exec, objects, {});
      drm_exec_lock_obj(*exec, w->p);
      drm_exec_fini(*exec);
    });
  });
  STRCMP_EQUAL("ww_misuse", kinds(r).c_str());
}

TEST(DrmExec, ANullContextRelockInsideTheTransactionSelfDeadlocks) {
  const auto program = [](bool relock) {
    return [relock] {
      World* w = sched::make<World>();
      sched::spawn("vm_bind", [w, relock] {
        DrmExec* exec = sched::make<DrmExec>(w->kernel, "e");
        const std::array<GemObject*, 1> objects = {&w->o};
        drm_exec_lock(*exec, objects, {});
        if (relock)
          dma_resv_lock_interruptible(w->resv_o, nullptr);  // v6.5's pin
        else
          dma_resv_assert_held(w->resv_o, "pin_locked");  // v6.10's pin_locked
        drm_exec_fini(*exec);
      });
    };
  };
  STRCMP_EQUAL("self_deadlock", kinds(explore_program(program(true))).c_str());
  STRCMP_EQUAL("", kinds(explore_program(program(false))).c_str());
}

TEST(DrmExec, LockingALiveExecIsWwMisuseAndAnUnfinishedExecIsHeldAtExit) {
  const auto program = [](int misuse) {
    return [misuse] {
      World* w = sched::make<World>();
      sched::spawn("t", [w, misuse] {
        DrmExec* exec = sched::make<DrmExec>(w->kernel, "e");
        const std::array<GemObject*, 1> objects = {&w->o};
        drm_exec_lock(*exec, objects, {});
        if (misuse == 1) drm_exec_lock(*exec, objects, {});
        if (misuse != 2) drm_exec_fini(*exec);
        w->kernel.lockdep.check_exit();
      });
    };
  };
  STRCMP_EQUAL("", kinds(explore_program(program(0))).c_str());
  STRCMP_EQUAL("ww_misuse", kinds(explore_program(program(1))).c_str());
  STRCMP_EQUAL("lock_held_at_exit", kinds(explore_program(program(2))).c_str());
}

}  // namespace resvcheck::model
