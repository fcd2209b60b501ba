// The drm-shmem helper and the GEM core paths into it as merged by 21aa27ddc582 (v6.5 .. v6.9):
// every lock is the object's resv, taken with a NULL acquire context; the functions that lost
// their own lock now assert the resv instead (put_pages, vmap, vunmap, madvise, purge) while
// keeping their names; get_pages and pin_locked/unpin_locked are static.
// (drivers/gpu/drm/drm_gem_shmem_helper.c, drm_gem.c; kernel-facts.md §1.2.)
//
// Imports: drm_gem_shmem_vmap/vunmap assert nothing of their own and call dma_buf_vmap/vunmap
// (which assert the shared resv; no iomem mapping modeled); drm_gem_shmem_mmap calls
// dma_buf_mmap (model/dma_buf.h).
// Other calls on an import (obj->import_attach; no shmem file, its sg table is the attachment's):
// get_pages/pin WARN and fail with drm_gem_get_pages's WARN_ON(!obj->filp) and -EINVAL;
// put_pages/unpin find a zero count (underflow); get_pages_sgt returns the import's sg table
// without counting; madvise sets the import's own madv; purge WARNs (never purgeable) and has no
// modeled effect (the kernel goes on to truncate a NULL shmem file); the free path is
// drm_prime_gem_destroy (model/dma_buf.h), which unpins the exporter and drops its reference.
// The vm ops never see an import (its mapping is the exporter's VMA).
#pragma once

#include "model/shmem_object.h"

namespace resvcheck::model::v6_5 {

// drm_gem_shmem_get_pages (static: the helper's own callers only)
int drm_gem_shmem_get_pages(ShmemObject& obj);
// drm_gem_shmem_put_pages (exported; the caller holds the resv)
void drm_gem_shmem_put_pages(ShmemObject& obj);
// drm_gem_shmem_pin
int drm_gem_shmem_pin(ShmemObject& obj);
// drm_gem_shmem_unpin
void drm_gem_shmem_unpin(ShmemObject& obj);
// drm_gem_shmem_vmap (the caller holds the resv; an import: dma_buf_vmap)
int drm_gem_shmem_vmap(ShmemObject& obj);
// drm_gem_shmem_vunmap (the caller holds the resv; an import: dma_buf_vunmap)
void drm_gem_shmem_vunmap(ShmemObject& obj);
// drm_gem_shmem_madvise (the caller holds the resv): whether the object is not purged
bool drm_gem_shmem_madvise(ShmemObject& obj, int madv);
// drm_gem_shmem_is_purgeable (the header's inline; the caller may hold no lock)
bool drm_gem_shmem_is_purgeable(const ShmemObject& obj);
// drm_gem_shmem_purge (the caller holds the resv)
void drm_gem_shmem_purge(ShmemObject& obj);
// drm_gem_shmem_get_sg_table: no lock; builds an sg table from the pages (WARN if imported, or
// when there are none): 0
int drm_gem_shmem_get_sg_table(ShmemObject& obj);
// drm_gem_shmem_get_pages_sgt: 0 or an error
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

// drm_gem_pin: no resv of its own in this range; funcs->pin is the self-locking pin
int drm_gem_pin(ShmemObject& obj);
// drm_gem_unpin
void drm_gem_unpin(ShmemObject& obj);
// drm_gem_vmap: asserts the resv, then funcs->vmap
int drm_gem_vmap(ShmemObject& obj);
// drm_gem_vunmap
void drm_gem_vunmap(ShmemObject& obj);
// drm_gem_vmap_unlocked: takes the resv (NULL context) around drm_gem_vmap
int drm_gem_vmap_unlocked(ShmemObject& obj);
// drm_gem_vunmap_unlocked
void drm_gem_vunmap_unlocked(ShmemObject& obj);

}  // namespace resvcheck::model::v6_5
