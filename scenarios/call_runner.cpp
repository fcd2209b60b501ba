#include "scenarios/call_runner.h"

#include <cstdlib>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/mutex.h"
#include "model/ww_mutex.h"

namespace resvcheck::scenarios {
namespace {

/// A kernel return code as a scenario value.
RetValue from_errno(int ret) {
  switch (ret) {
    case 0:
      return RetValue::zero;
    case model::kEDEADLK:
      return RetValue::edeadlk;
    case model::kEALREADY:
      return RetValue::ealready;
    case model::kEINTR:
      return RetValue::eintr;
    case model::kENOMEM:
      return RetValue::enomem;
    case model::kEINVAL:
      return RetValue::einval;
    case model::kEIO:
      return RetValue::eio;
    default:
      std::abort();  // the model returns no other code
  }
}

RetValue from_bool(bool ret) { return ret ? RetValue::true_ : RetValue::false_; }

model::DmaResv& resv_of(const ThreadState& t, const Op& op) {
  return *t.world->resvs[t.world->scenario.objects[op.object].resv];
}

model::WwClass& class_of(const ThreadState& t, const Op& op) {
  model::Kernel& k = t.world->kernel;
  return op.cls == CtxClass::wound_wait ? k.ww_class : k.reservation_class;
}

}  // namespace

RetValue run_call(ThreadState& t, const Op& op) {
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
    default:
      std::abort();  // the loader admits modeled calls only, and `return` is no call
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
    default:  // mutex_*
      args = s.locks[op.lock];
      break;
  }
  return std::string(call_name(op.call)) + "(" + args + ")";
}

}  // namespace resvcheck::scenarios
