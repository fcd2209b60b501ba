#include "scenarios/calls.h"

namespace resvcheck::scenarios {

std::optional<Call> parse_call(std::string_view name) {
  for (size_t i = 0; i < kCallNames.size(); ++i)
    if (kCallNames[i] == name) return static_cast<Call>(i);
  return std::nullopt;
}

RetSet call_returns(Call c) {
  switch (c) {
    case Call::dma_resv_lock:  // ww_mutex_lock
      return {RetValue::zero, RetValue::edeadlk, RetValue::ealready};
    case Call::dma_resv_lock_interruptible:  // ww_mutex_lock_interruptible
      return {RetValue::zero, RetValue::edeadlk, RetValue::ealready, RetValue::eintr};
    case Call::mutex_lock_interruptible:
    case Call::panfrost_madvise:  // v6.5+ lock the resv interruptibly
      return {RetValue::zero, RetValue::eintr};
    case Call::dma_resv_trylock:
    case Call::mutex_trylock:
    case Call::drm_gem_shmem_madvise:
    case Call::drm_gem_shmem_madvise_locked:
      return {RetValue::true_, RetValue::false_};
    case Call::drm_exec_lock:  // drm_exec_lock_obj's, with -EDEADLK retried
      return {RetValue::zero, RetValue::ealready, RetValue::eintr};
    case Call::drm_exec_lock_obj:
      return {RetValue::zero, RetValue::edeadlk, RetValue::ealready, RetValue::eintr};
    // self-locking interruptibly and allocating; on an import the pin WARNs and
    // drm_gem_get_pages refuses an object without a shmem file (-EINVAL)
    case Call::drm_gem_shmem_get_pages:
    case Call::drm_gem_shmem_pin:
    case Call::drm_gem_pin:
      return {RetValue::zero, RetValue::eintr, RetValue::enomem, RetValue::einval};
    case Call::drm_gem_shmem_pin_locked:
      return {RetValue::zero, RetValue::enomem, RetValue::einval};
    // self-locking interruptibly (v6.4's pages_lock or vmap_lock, v6.5+'s resv) and allocating
    case Call::drm_gem_shmem_vmap:
    case Call::drm_gem_shmem_get_pages_sgt:
    case Call::drm_gem_vmap:
    case Call::drm_gem_vmap_unlocked:
      return {RetValue::zero, RetValue::eintr, RetValue::enomem};
    case Call::drm_gem_shmem_vmap_locked:
    case Call::drm_gem_vmap_locked:
      return {RetValue::zero, RetValue::enomem};
    case Call::drm_gem_shmem_mmap:  // v6.4's get_pages is interruptible; v6.10+ refuse COW
      return {RetValue::zero, RetValue::eintr, RetValue::enomem, RetValue::einval};
    case Call::drm_gem_shmem_purge:  // bool in v6.4 (trylock), void from v6.5
      return {RetValue::zero, RetValue::true_, RetValue::false_};
    case Call::drm_gem_shmem_fault:
      return {RetValue::zero, RetValue::sigbus};
    // the exporter's vmap or mmap: v6.4's vmap_lock or get_pages is interruptible; allocations
    case Call::dma_buf_vmap:
    case Call::dma_buf_vmap_unlocked:
    case Call::dma_buf_mmap:
      return {RetValue::zero, RetValue::eintr, RetValue::enomem};
    default:  // the void calls: dma_resv_lock_slow, _unlock, _assert_held, ww_acquire_*,
              // mutex_*, drm_exec_unlock_obj, _fini, the put/unpin/vunmap/vm_* calls,
              // purge_locked, get_sg_table (a pointer: 0 on success), drm_gem_object_put,
              // dma_buf_map_attachment[_unlocked] (0 on success), dma_buf_pin (DRM PRIME
              // has no pin callback) and the dma-buf unmaps
      return {RetValue::zero};
  }
}

}  // namespace resvcheck::scenarios
