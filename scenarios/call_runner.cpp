#include "scenarios/call_runner.h"

#include <vector>

#include "model/dma_resv.h"
#include "model/drm_exec.h"
#include "model/mutex.h"
#include "model/ww_mutex.h"
#include "scenarios/helper_calls.h"
#include "scenarios/kernel_ret.h"
#include "scenarios/panfrost_calls.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

model::DmaResv& resv_of(const ThreadState& t, const Op& op) {
  return *t.world->resvs[t.world->scenario.objects[op.object].resv];
}

model::WwClass& class_of(const ThreadState& t, const Op& op) {
  model::Kernel& k = t.world->kernel;
  return op.cls == CtxClass::wound_wait ? k.ww_class : k.reservation_class;
}

model::GemObject& gem_of(const ThreadState& t, uint32_t object) {
  return t.world->objects[object]->gem;
}

RetValue drm_exec_call(ThreadState& t, const Op& op) {
  model::DrmExec& exec = *t.execs[*op.exec];
  switch (op.call) {
    case Call::drm_exec_lock: {
      // In the arena, not on the fiber: a thread left blocked inside the call is never unwound,
      // and the arena frees the list when the execution ends.
      auto& objects = *sched::make<std::vector<model::GemObject*>>();
      for (uint32_t o : op.objects) objects.push_back(&gem_of(t, o));
      return from_errno(model::drm_exec_lock(exec, objects, op.flags));
    }
    case Call::drm_exec_lock_obj:
      return from_errno(model::drm_exec_lock_obj(exec, gem_of(t, op.object)));
    case Call::drm_exec_unlock_obj:
      model::drm_exec_unlock_obj(exec, gem_of(t, op.object));
      return RetValue::zero;
    default:  // drm_exec_fini
      model::drm_exec_fini(exec);
      return RetValue::zero;
  }
}

/// A shmem helper or GEM core call; nothing when the version does not export it. The vm ops
/// and mmap run under the thread's mmap_lock, which lockdep sees and the engine never does.
std::optional<RetValue> helper_call(ThreadState& t, const Op& op) {
  model::Kernel& k = t.world->kernel;
  if (!exported(op.call, k.version)) {
    const std::string thread(sched::thread_name(sched::current_thread()));
    sched::report(sched::FindingKind::not_exported, not_exported_reason(op.call, k.version),
                  thread + ":" + call_text(t, op));
    return std::nullopt;
  }
  model::ShmemObject& obj = *t.world->objects[op.object];
  if (!under_mmap_lock(op.call)) return run_helper_call(k.version, obj, op);
  k.lockdep.check_acquire(t.mmap_lock, nullptr);
  k.lockdep.acquired({t.mmap_lock, nullptr, "", false});
  const RetValue ret = run_helper_call(k.version, obj, op);
  k.lockdep.released(t.mmap_lock.instance);
  return ret;
}

}  // namespace

std::optional<RetValue> run_call(ThreadState& t, const Op& op) {
  model::WwAcquireCtx* ctx = op.ctx ? t.contexts[*op.ctx] : nullptr;
  switch (op.call) {
    case Call::dma_resv_lock:
      return from_errno(model::dma_resv_lock(resv_of(t, op), ctx));
    case Call::dma_resv_lock_interruptible:
      return from_errno(model::dma_resv_lock_interruptible(resv_of(t, op), ctx));
    case Call::dma_resv_lock_slow:
      model::dma_resv_lock_slow(resv_of(t, op), *ctx);
      return RetValue::zero;
    case Call::dma_resv_trylock:
      return from_bool(model::dma_resv_trylock(resv_of(t, op)));
    case Call::dma_resv_unlock:
      model::dma_resv_unlock(resv_of(t, op));
      return RetValue::zero;
    case Call::dma_resv_assert_held:
      model::dma_resv_assert_held(resv_of(t, op), "dma_resv_assert_held");
      return RetValue::zero;
    case Call::ww_acquire_init:
      model::ww_acquire_init(*ctx, class_of(t, op));
      return RetValue::zero;
    case Call::ww_acquire_done:
      model::ww_acquire_done(*ctx);
      return RetValue::zero;
    case Call::ww_acquire_fini:
      model::ww_acquire_fini(*ctx);
      return RetValue::zero;
    case Call::mutex_lock:
      model::mutex_lock(*t.world->locks[op.lock]);
      return RetValue::zero;
    case Call::mutex_lock_interruptible:
      return from_errno(model::mutex_lock_interruptible(*t.world->locks[op.lock]));
    case Call::mutex_trylock:
      return from_bool(model::mutex_trylock(*t.world->locks[op.lock]));
    case Call::mutex_unlock:
      model::mutex_unlock(*t.world->locks[op.lock]);
      return RetValue::zero;
    case Call::drm_exec_lock:
    case Call::drm_exec_lock_obj:
    case Call::drm_exec_unlock_obj:
    case Call::drm_exec_fini:
      return drm_exec_call(t, op);
    case Call::panfrost_madvise:
    case Call::panfrost_shrinker_scan:
    case Call::direct_reclaim:
      return run_panfrost_call(t, op);
    default:  // the loader admits modeled calls only, and `return` is no call
      return helper_call(t, op);
  }
}

std::string call_text(const ThreadState& t, const Op& op) {
  const Scenario& s = t.world->scenario;
  const std::string ctx = op.ctx ? t.spec->contexts[*op.ctx] : "NULL";
  std::string args;
  switch (op.call) {
    case Call::dma_resv_lock:
    case Call::dma_resv_lock_interruptible:
    case Call::dma_resv_lock_slow:
      args = s.objects[op.object].name + ", " + ctx;
      break;
    case Call::dma_resv_trylock:
    case Call::dma_resv_unlock:
    case Call::dma_resv_assert_held:
      args = s.objects[op.object].name;
      break;
    case Call::ww_acquire_init:
    case Call::ww_acquire_done:
    case Call::ww_acquire_fini:
      args = ctx;
      break;
    case Call::mutex_lock:
    case Call::mutex_lock_interruptible:
    case Call::mutex_trylock:
    case Call::mutex_unlock:
      args = s.locks[op.lock];
      break;
    case Call::drm_exec_lock:
      args = t.spec->execs[*op.exec] + ", [";
      for (size_t i = 0; i < op.objects.size(); ++i) {
        if (i > 0) args += ", ";
        args += s.objects[op.objects[i]].name;
      }
      args += "]";
      break;
    case Call::drm_exec_lock_obj:
    case Call::drm_exec_unlock_obj:
      args = t.spec->execs[*op.exec] + ", " + s.objects[op.object].name;
      break;
    case Call::drm_exec_fini:
      args = t.spec->execs[*op.exec];
      break;
    case Call::panfrost_madvise:
      args = s.objects[op.object].name + (op.madv > 0 ? ", dontneed" : ", willneed");
      break;
    case Call::panfrost_shrinker_scan:
    case Call::direct_reclaim:
      break;
    default:  // the shmem helper and GEM core
      args = s.objects[op.object].name;
      break;
  }
  return std::string(call_name(op.call)) + "(" + args + ")";
}

}  // namespace resvcheck::scenarios
