// The drm-shmem helper and the GEM core paths into it before the reservation-lock conversion
// (v6.2 .. v6.4, the diff base of 21aa27ddc582): each object has two private mutexes of its own,
// `pages_lock` (the pages, their use count, the sg table, madv) and `vmap_lock` (the kernel
// mapping and its use count). The exported helpers take them themselves; the static `_locked`
// bodies expect the caller to hold them but assert nothing. The resv is taken only by the GEM
// core (drm_gem_vmap_unlocked) and the dma-buf core, outside the helper: the lock order is
// resv -> vmap_lock -> pages_lock. (drivers/gpu/drm/drm_gem_shmem_helper.c, drm_gem.c;
// kernel-facts.md §1.1, §2.2.)
//
// Imports: drm_gem_shmem_vmap/vunmap take the import's own vmap_lock and then go through
// dma_buf_vmap/vunmap (resv asserted) to the exporter's vmap, which takes the exporter's vmap_lock
// (the same lock class, no nest lock: lockdep's recursive locking) and pages_lock; no
// vmap_use_count on an import (67fe7487fe89), no iomem mapping. drm_gem_shmem_mmap of an import
// is dma_buf_mmap (model/dma_buf.h).
// Other calls on an import (obj->import_attach; no shmem file, its sg table is the attachment's):
// get_pages/pin WARN and fail with drm_gem_get_pages's WARN_ON(!obj->filp) and -EINVAL;
// put_pages/unpin find a zero count (underflow); get_pages_sgt returns the import's sg table
// without counting; madvise sets the import's own madv; purge WARNs (never purgeable) and has no
// modeled effect (the kernel goes on to truncate a NULL shmem file); the free path is
// drm_prime_gem_destroy (model/dma_buf.h), which unpins the exporter and drops its reference.
// The vm ops never see an import (its mapping is the exporter's VMA).
#pragma once

#include "model/shmem_object.h"

namespace resvcheck::model::v6_4 {

// drm_gem_shmem_get_pages (exported; takes pages_lock, interruptibly)
int drm_gem_shmem_get_pages(ShmemObject& obj);
// drm_gem_shmem_put_pages (exported; takes pages_lock)
void drm_gem_shmem_put_pages(ShmemObject& obj);
// drm_gem_shmem_pin: a pages reference, through drm_gem_shmem_get_pages
int drm_gem_shmem_pin(ShmemObject& obj);
// drm_gem_shmem_unpin: through drm_gem_shmem_put_pages
void drm_gem_shmem_unpin(ShmemObject& obj);
// drm_gem_shmem_vmap (takes vmap_lock, interruptibly; then pages_lock for the first map, or for an
// import dma_buf_vmap)
int drm_gem_shmem_vmap(ShmemObject& obj);
// drm_gem_shmem_vunmap (takes vmap_lock; then pages_lock for the last unmap, or dma_buf_vunmap)
void drm_gem_shmem_vunmap(ShmemObject& obj);
// drm_gem_shmem_madvise (takes pages_lock): whether the object is not purged
bool drm_gem_shmem_madvise(ShmemObject& obj, int madv);
// drm_gem_shmem_is_purgeable (the header's inline; the caller may hold no lock)
bool drm_gem_shmem_is_purgeable(const ShmemObject& obj);
// drm_gem_shmem_purge_locked (exported; the caller holds pages_lock, which nothing asserts)
void drm_gem_shmem_purge_locked(ShmemObject& obj);
// drm_gem_shmem_purge: trylocks pages_lock; false when it is busy, else purges and returns true
bool drm_gem_shmem_purge(ShmemObject& obj);
// drm_gem_shmem_get_sg_table: no lock; builds an sg table from the pages (WARN if imported, or
// when there are none): 0
int drm_gem_shmem_get_sg_table(ShmemObject& obj);
// drm_gem_shmem_get_pages_sgt (takes pages_lock, interruptibly): 0 or an error
int drm_gem_shmem_get_pages_sgt(ShmemObject& obj);
// drm_gem_shmem_mmap (no copy-on-write check in this range; an import: dma_buf_mmap)
int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping);
// drm_gem_shmem_vm_open
void drm_gem_shmem_vm_open(ShmemObject& obj);
// drm_gem_shmem_vm_close
void drm_gem_shmem_vm_close(ShmemObject& obj);
// drm_gem_shmem_fault: 0 or kVmFaultSigbus. On a copy-on-write mapping, vmf_insert_pfn_prot's
// BUG_ON: a warn finding, and the thread stops.
int drm_gem_shmem_fault(ShmemObject& obj);
// drm_gem_shmem_free: the object's release path, run by the last drm_gem_object_put
void drm_gem_shmem_free(GemObject& gem);

// drm_gem_pin: no resv in this range; funcs->pin is the self-locking pin
int drm_gem_pin(ShmemObject& obj);
// drm_gem_unpin
void drm_gem_unpin(ShmemObject& obj);
// drm_gem_vmap: asserts the resv (since v6.2), then funcs->vmap, which takes vmap_lock itself
int drm_gem_vmap(ShmemObject& obj);
// drm_gem_vunmap
void drm_gem_vunmap(ShmemObject& obj);
// drm_gem_vmap_unlocked: takes the resv (NULL context) around drm_gem_vmap
int drm_gem_vmap_unlocked(ShmemObject& obj);
// drm_gem_vunmap_unlocked
void drm_gem_vunmap_unlocked(ShmemObject& obj);

}  // namespace resvcheck::model::v6_4
