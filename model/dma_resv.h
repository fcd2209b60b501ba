// The reservation object's lock (include/linux/dma-resv.h): thin wrappers around its ww_mutex,
// and dma_resv_assert_held, which checks the current thread (lockdep_assert_held) and is always
// on in the model.
//
// Misuses reported: assert_held when the current thread does not hold the lock.
#pragma once

#include <string_view>

#include "model/ww_mutex.h"

namespace resvcheck::model {

struct DmaResv {
  /// `name` prints as the lock's name ("bo.resv").
  DmaResv(Kernel& kernel, std::string_view name, WwClass& cls) : lock(kernel, name, cls) {}
  WwMutex lock;
};

inline int dma_resv_lock(DmaResv& r, WwAcquireCtx* ctx) {
  return ww_mutex_lock(r.lock, ctx, Wait::uninterruptible);
}
inline int dma_resv_lock_interruptible(DmaResv& r, WwAcquireCtx* ctx) {
  return ww_mutex_lock(r.lock, ctx, Wait::interruptible);
}
inline void dma_resv_lock_slow(DmaResv& r, WwAcquireCtx& ctx) {
  ww_mutex_lock_slow(r.lock, ctx, Wait::uninterruptible);
}
inline int dma_resv_lock_slow_interruptible(DmaResv& r, WwAcquireCtx& ctx) {
  return ww_mutex_lock_slow(r.lock, ctx, Wait::interruptible);
}
inline bool dma_resv_trylock(DmaResv& r) { return ww_mutex_trylock(r.lock, nullptr); }
inline void dma_resv_unlock(DmaResv& r) { ww_mutex_unlock(r.lock); }

/// dma_resv_assert_held: reports assert_held (naming `caller`, the function that asserts) when
/// the current thread does not hold the lock. Returns whether it holds it.
bool dma_resv_assert_held(DmaResv& r, std::string_view caller);

}  // namespace resvcheck::model
