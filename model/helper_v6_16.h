// The drm-shmem helper and the GEM core paths into it from v6.16 on (Dmitry Osipenko's refactor:
// 954907f7147d, d586b535f144, 051b6646d36d, 0271cc484f3f, e1fc39a92332, dd7177627618; GEM core
// rename 8f5c4871a014): every function that needs the resv says so with a _locked suffix and
// asserts it; the counters are refcount_t (no zero guard: a decrement at zero is the refcount_t
// underflow and saturates the count); pages_pin_count is a count of its own, and one pages
// reference is held on behalf of all pins; a vmap holds a pin; drm_gem_shmem_pin and _unpin have
// lockless fast paths on pages_pin_count that take no lock at all.
// (drivers/gpu/drm/drm_gem_shmem_helper.c, include/drm/drm_gem_shmem_helper.h, drm_gem.c;
// kernel-facts.md §1.4.)
//
// Accounting kept: pages_use_count = mmap VMAs (forks included) + 1 while an sg table is cached
// + 1 while pages_pin_count > 0; pages_pin_count = pins + 1 while vmap_use_count > 0;
// vmap_use_count = vmaps. vaddr is cleared only by the last vunmap (dd7177627618).
//
// Every access to pages_pin_count, the fast paths' and those made under the resv alike, is a
// visible event on the count's own engine object (ShmemObject::pin_count_object): a read for a pure
// read (is_purgeable, the release WARN), a write for any read-modify-write. pages_use_count,
// vmap_use_count and the rest are touched only under the resv and make no events of their own.
//
// Misuses reported: assert_held (a _locked function without the resv), underflow (refcount_t),
// warn (pin or unpin of an imported object, purge of an object that is not purgeable, vm_open at
// zero, a fault with no pages), leak (the release WARNs: vmap_use_count, pages_use_count and
// pages_pin_count left over; a saturated count reads as non-zero, as refcount_read does).
//
// Imports: vmap_locked/vunmap_locked assert the resv, then dma_buf_vmap/vunmap; mmap is
// dma_buf_mmap, before the copy-on-write check (model/dma_buf.h). The CONFIG_KUNIT-only
// self-locking drm_gem_shmem_vmap, _vunmap and _madvise count as not exported and are not provided.
// Other calls on an import (obj->import_attach; no shmem file, its sg table is the attachment's):
// pin_locked/pin WARN and fail with drm_gem_get_pages's WARN_ON(!obj->filp) and -EINVAL;
// put_pages_locked/unpin find a zero count (refcount_t underflow); get_pages_sgt returns the
// import's sg table without counting; madvise_locked sets the import's own madv; purge WARNs (never
// purgeable) and has no modeled effect (the kernel goes on to truncate a NULL shmem file); the free
// path is drm_prime_gem_destroy (model/dma_buf.h), which unpins the exporter and drops its
// reference. The vm ops never see an import (its mapping is the exporter's VMA).
#pragma once

#include "model/shmem_object.h"
#include "scheduler/ids.h"

namespace resvcheck::model::v6_16 {

// drm_gem_shmem_get_pages_locked (static in the kernel: for the helper's own callers only)
int drm_gem_shmem_get_pages_locked(ShmemObject& obj);
// drm_gem_shmem_put_pages_locked
void drm_gem_shmem_put_pages_locked(ShmemObject& obj);
// drm_gem_shmem_pin_locked
int drm_gem_shmem_pin_locked(ShmemObject& obj);
// drm_gem_shmem_unpin_locked
void drm_gem_shmem_unpin_locked(ShmemObject& obj);
// drm_gem_shmem_pin: the lockless fast path, else the resv (interruptible, NULL context)
int drm_gem_shmem_pin(ShmemObject& obj);
// drm_gem_shmem_unpin: the lockless fast path, else the resv (NULL context)
void drm_gem_shmem_unpin(ShmemObject& obj);
// drm_gem_shmem_vmap_locked: 0, -ENOMEM or the pages allocation's error (an import: dma_buf_vmap)
int drm_gem_shmem_vmap_locked(ShmemObject& obj);
// drm_gem_shmem_vunmap_locked
void drm_gem_shmem_vunmap_locked(ShmemObject& obj);
// drm_gem_shmem_madvise_locked: whether the object is not purged
bool drm_gem_shmem_madvise_locked(ShmemObject& obj, int madv);
// drm_gem_shmem_is_purgeable (the header's inline; reads pages_pin_count without a lock)
bool drm_gem_shmem_is_purgeable(ShmemObject& obj);
// drm_gem_shmem_purge_locked
void drm_gem_shmem_purge_locked(ShmemObject& obj);
// drm_gem_shmem_get_sg_table: no lock; builds an sg table from the pages (WARN if imported, or
// when there are none): 0
int drm_gem_shmem_get_sg_table(ShmemObject& obj);
// drm_gem_shmem_get_pages_sgt: 0 or an error
int drm_gem_shmem_get_pages_sgt(ShmemObject& obj);
// drm_gem_shmem_mmap: an import is dma_buf_mmap; else a copy-on-write mapping is -EINVAL
int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping);
// drm_gem_shmem_vm_open
void drm_gem_shmem_vm_open(ShmemObject& obj);
// drm_gem_shmem_vm_close
void drm_gem_shmem_vm_close(ShmemObject& obj);
// drm_gem_shmem_fault: 0 or kVmFaultSigbus
int drm_gem_shmem_fault(ShmemObject& obj);
// drm_gem_shmem_free (= drm_gem_shmem_release + kfree): run by the last drm_gem_object_put
void drm_gem_shmem_free(GemObject& gem);

// drm_gem_pin: takes the resv (NULL context), then funcs->pin
int drm_gem_pin(ShmemObject& obj);
// drm_gem_unpin: takes the resv (NULL context), then funcs->unpin
void drm_gem_unpin(ShmemObject& obj);
// drm_gem_vmap_locked: asserts the resv, then funcs->vmap
int drm_gem_vmap_locked(ShmemObject& obj);
// drm_gem_vunmap_locked: asserts the resv, then funcs->vunmap
void drm_gem_vunmap_locked(ShmemObject& obj);
// drm_gem_vmap: takes the resv (NULL context) around drm_gem_vmap_locked
int drm_gem_vmap(ShmemObject& obj);
// drm_gem_vunmap: takes the resv (NULL context) around drm_gem_vunmap_locked
void drm_gem_vunmap(ShmemObject& obj);

}  // namespace resvcheck::model::v6_16
