// The closed list of call names a scenario op may use (scenario-format.md, "Ops"), defined once.
// Every name of the format is here, and every one is modeled.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

enum class Call : uint8_t {
  // reservation lock
  dma_resv_lock,
  dma_resv_lock_interruptible,
  dma_resv_lock_slow,
  dma_resv_trylock,
  dma_resv_unlock,
  dma_resv_assert_held,
  // acquire context
  ww_acquire_init,
  ww_acquire_done,
  ww_acquire_fini,
  // drm_exec
  drm_exec_lock,
  drm_exec_lock_obj,
  drm_exec_unlock_obj,
  drm_exec_fini,
  // shmem helper
  drm_gem_shmem_get_pages,
  drm_gem_shmem_put_pages,
  drm_gem_shmem_put_pages_locked,
  drm_gem_shmem_pin,
  drm_gem_shmem_unpin,
  drm_gem_shmem_pin_locked,
  drm_gem_shmem_unpin_locked,
  drm_gem_shmem_vmap,
  drm_gem_shmem_vunmap,
  drm_gem_shmem_vmap_locked,
  drm_gem_shmem_vunmap_locked,
  drm_gem_shmem_madvise,
  drm_gem_shmem_madvise_locked,
  drm_gem_shmem_purge,
  drm_gem_shmem_purge_locked,
  drm_gem_shmem_get_sg_table,
  drm_gem_shmem_get_pages_sgt,
  drm_gem_shmem_mmap,
  drm_gem_shmem_vm_open,
  drm_gem_shmem_vm_close,
  drm_gem_shmem_fault,
  // GEM core
  drm_gem_pin,
  drm_gem_unpin,
  drm_gem_vmap,
  drm_gem_vunmap,
  drm_gem_vmap_unlocked,
  drm_gem_vunmap_unlocked,
  drm_gem_vmap_locked,
  drm_gem_vunmap_locked,
  drm_gem_object_put,
  // dma-buf
  dma_buf_vmap,
  dma_buf_vunmap,
  dma_buf_vmap_unlocked,
  dma_buf_vunmap_unlocked,
  dma_buf_map_attachment,
  dma_buf_unmap_attachment,
  dma_buf_map_attachment_unlocked,
  dma_buf_unmap_attachment_unlocked,
  dma_buf_pin,
  dma_buf_unpin,
  dma_buf_mmap,
  // driver layers
  mutex_lock,
  mutex_lock_interruptible,
  mutex_trylock,
  mutex_unlock,
  panfrost_madvise,
  panfrost_shrinker_scan,
  direct_reclaim,
  // control
  return_,
};

/// Indexed by Call.
inline constexpr std::array<std::string_view, 62> kCallNames = {
    "dma_resv_lock",
    "dma_resv_lock_interruptible",
    "dma_resv_lock_slow",
    "dma_resv_trylock",
    "dma_resv_unlock",
    "dma_resv_assert_held",
    "ww_acquire_init",
    "ww_acquire_done",
    "ww_acquire_fini",
    "drm_exec_lock",
    "drm_exec_lock_obj",
    "drm_exec_unlock_obj",
    "drm_exec_fini",
    "drm_gem_shmem_get_pages",
    "drm_gem_shmem_put_pages",
    "drm_gem_shmem_put_pages_locked",
    "drm_gem_shmem_pin",
    "drm_gem_shmem_unpin",
    "drm_gem_shmem_pin_locked",
    "drm_gem_shmem_unpin_locked",
    "drm_gem_shmem_vmap",
    "drm_gem_shmem_vunmap",
    "drm_gem_shmem_vmap_locked",
    "drm_gem_shmem_vunmap_locked",
    "drm_gem_shmem_madvise",
    "drm_gem_shmem_madvise_locked",
    "drm_gem_shmem_purge",
    "drm_gem_shmem_purge_locked",
    "drm_gem_shmem_get_sg_table",
    "drm_gem_shmem_get_pages_sgt",
    "drm_gem_shmem_mmap",
    "drm_gem_shmem_vm_open",
    "drm_gem_shmem_vm_close",
    "drm_gem_shmem_fault",
    "drm_gem_pin",
    "drm_gem_unpin",
    "drm_gem_vmap",
    "drm_gem_vunmap",
    "drm_gem_vmap_unlocked",
    "drm_gem_vunmap_unlocked",
    "drm_gem_vmap_locked",
    "drm_gem_vunmap_locked",
    "drm_gem_object_put",
    "dma_buf_vmap",
    "dma_buf_vunmap",
    "dma_buf_vmap_unlocked",
    "dma_buf_vunmap_unlocked",
    "dma_buf_map_attachment",
    "dma_buf_unmap_attachment",
    "dma_buf_map_attachment_unlocked",
    "dma_buf_unmap_attachment_unlocked",
    "dma_buf_pin",
    "dma_buf_unpin",
    "dma_buf_mmap",
    "mutex_lock",
    "mutex_lock_interruptible",
    "mutex_trylock",
    "mutex_unlock",
    "panfrost_madvise",
    "panfrost_shrinker_scan",
    "direct_reclaim",
    "return",
};
static_assert(kCallNames.size() == static_cast<size_t>(Call::return_) + 1);

inline std::string_view call_name(Call c) { return kCallNames[static_cast<size_t>(c)]; }

std::optional<Call> parse_call(std::string_view name);

/// The values some version of a modeled call (other than `return`) can return; a void call
/// "returns" 0, the only `ret` it accepts.
RetSet call_returns(Call c);

}  // namespace resvcheck::scenarios
