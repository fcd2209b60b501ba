// The drm-shmem helper and the GEM core paths into it in v6.10 .. v6.15: the v6.5 helper plus
//  - ec144244a43f: drm_gem_shmem_pin_locked / drm_gem_shmem_unpin_locked are exported, and the
//    helper's object_pin / object_unpin wrappers call them;
//  - a78027847226: drm_gem_pin / drm_gem_unpin take the resv themselves (NULL context,
//    uninterruptible) and call funcs->pin / funcs->unpin with it held, so a driver pin callback
//    that still calls the self-locking drm_gem_shmem_pin blocks on its own lock (panfrost and
//    lima until their 2024 fixes; the unpin callback of both was the helper's wrapper);
//  - 39bc27bd6880: drm_gem_shmem_mmap refuses a copy-on-write mapping with -EINVAL before it
//    locks anything, so no fault can reach vmf_insert_pfn_prot's BUG_ON.
// Counters are still plain unsigned ints with WARN_ON_ONCE guards (UseCount, as ShmemObject builds
// it for every version before v6.16). Everything else is v6.5's, reused below by name.
// (drivers/gpu/drm/drm_gem_shmem_helper.c, include/drm/drm_gem_shmem_helper.h, drm_gem.c;
// kernel-facts.md §1.3.)
//
// Misuses reported: assert_held when a locked-contract call runs without the resv; warn for
// pin_locked on an import; self_deadlock (engine) when a NULL-context lock meets the caller's own
// resv (KT-1, KT-15).
#pragma once

#include "model/helper_v6_5.h"
#include "model/shmem_object.h"

namespace resvcheck::model::v6_10 {

// drm_gem_shmem_get_pages (static, unchanged)
using v6_5::drm_gem_shmem_get_pages;
// drm_gem_shmem_put_pages (exported; the caller holds the resv; unchanged)
using v6_5::drm_gem_shmem_put_pages;
// drm_gem_shmem_pin_locked (exported from v6.10; the caller holds the resv)
int drm_gem_shmem_pin_locked(ShmemObject& obj);
// drm_gem_shmem_unpin_locked (exported from v6.10; the caller holds the resv)
void drm_gem_shmem_unpin_locked(ShmemObject& obj);
// drm_gem_shmem_pin: the self-locking pin, now on top of the exported pin_locked
int drm_gem_shmem_pin(ShmemObject& obj);
// drm_gem_shmem_unpin (unchanged)
using v6_5::drm_gem_shmem_unpin;
// drm_gem_shmem_vmap (the caller holds the resv; unchanged)
using v6_5::drm_gem_shmem_vmap;
// drm_gem_shmem_vunmap (the caller holds the resv; unchanged)
using v6_5::drm_gem_shmem_vunmap;
// drm_gem_shmem_madvise (the caller holds the resv; unchanged)
using v6_5::drm_gem_shmem_madvise;
// drm_gem_shmem_is_purgeable (unchanged)
using v6_5::drm_gem_shmem_is_purgeable;
// drm_gem_shmem_purge (the caller holds the resv; unchanged)
using v6_5::drm_gem_shmem_purge;
// drm_gem_shmem_get_sg_table (unchanged)
using v6_5::drm_gem_shmem_get_sg_table;
// drm_gem_shmem_get_pages_sgt (unchanged)
using v6_5::drm_gem_shmem_get_pages_sgt;
// drm_gem_shmem_mmap: an import is dma_buf_mmap (before the check); else -EINVAL for a
// copy-on-write mapping
int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping);
// drm_gem_shmem_vm_open (unchanged)
using v6_5::drm_gem_shmem_vm_open;
// drm_gem_shmem_vm_close (unchanged)
using v6_5::drm_gem_shmem_vm_close;
// drm_gem_shmem_fault (unchanged; no copy-on-write mapping can exist in this range)
using v6_5::drm_gem_shmem_fault;
// drm_gem_shmem_free (unchanged)
using v6_5::drm_gem_shmem_free;

// drm_gem_pin: takes the resv (NULL context, uninterruptible) around funcs->pin
int drm_gem_pin(ShmemObject& obj);
// drm_gem_unpin: takes the resv (NULL context) around funcs->unpin
void drm_gem_unpin(ShmemObject& obj);
// drm_gem_vmap: asserts the resv, then funcs->vmap (unchanged)
using v6_5::drm_gem_vmap;
// drm_gem_vunmap (unchanged)
using v6_5::drm_gem_vunmap;
// drm_gem_vmap_unlocked: takes the resv around drm_gem_vmap (unchanged)
using v6_5::drm_gem_vmap_unlocked;
// drm_gem_vunmap_unlocked (unchanged)
using v6_5::drm_gem_vunmap_unlocked;

}  // namespace resvcheck::model::v6_10
