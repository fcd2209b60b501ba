// The importer side of a drm-shmem object's dma-buf (drivers/dma-buf/dma-buf.c) and the DRM PRIME
// exporter callbacks it reaches (drivers/gpu/drm/drm_prime.c), as an `import` object uses them.
// The dma-buf shares its exporter's resv (dmabuf->resv == obj->resv), so the import's resv is the
// exporter's. The dma-buf core is the same in every modeled version (the v6.2 locking convention,
// kernel-facts.md §2.3) except dma_buf_mmap; the exporter callbacks are the version's:
//  - vmap / vunmap (drm_gem_dmabuf_vmap): drm_gem_vmap / drm_gem_vunmap up to v6.15 (assert the
//    resv), drm_gem_vmap_locked / drm_gem_vunmap_locked from v6.16 (8f5c4871a014);
//  - map_dma_buf (drm_gem_map_dma_buf): the exporter's drm_gem_shmem_get_sg_table, no lock;
//  - mmap (drm_gem_dmabuf_mmap -> drm_gem_prime_mmap): the exporter's drm_gem_shmem_mmap. In v6.4
//    dma_buf_mmap takes the resv (NULL context) around it, and that mmap takes pages_lock: the
//    edge resv -> pages_lock. From v6.5 the core takes nothing and the exporter's mmap locks the
//    resv itself (SRC-MMAPPOL);
//  - pin / unpin: DRM PRIME's dma_buf_ops have no pin callback (the attach already pinned the
//    object through drm_gem_pin), so dma_buf_pin asserts the resv and returns 0.
//
//  - detach (drm_gem_map_detach): the exporter's drm_gem_unpin, with the version's locking
//    (v6.4/v6.5: the self-locking shmem unpin; v6.10+: drm_gem_unpin takes the resv);
//  - release (drm_gem_dmabuf_release): drm_gem_object_put on the exporter's GEM object.
//
// The import's release (drm_prime_gem_destroy, the import branch of every version's
// drm_gem_shmem_free/release): dma_buf_unmap_attachment_unlocked of the import's sg table (resv,
// NULL context), dma_buf_detach (the resv, NULL context, around the attachment-list edit; then the
// exporter's detach without it), dma_buf_put. The model gives each import the dma-buf's reference
// on the exporter's GEM object, so the put releases it at once: the exporter is freed when its
// last holder goes, in either order. In the kernel the final fput is deferred to the task's return
// to user space, and the exporter's GEM handle keeps the dma-buf alive too; the model runs the
// release at the end of the import's free, in the putting thread.
//
// State kept: the dma-buf's vmap refcount (dmabuf->vmapping_counter, under the resv since v6.2):
// the exporter's vmap runs only for the first map, its vunmap only for the last unmap; and the
// number of live attachments (imports not yet freed), for dma_buf_release's check.
//
// Misuses reported: assert_held (a locked-convention call without the resv), warn (the
// WARN_ON_ONCE on an exporter vmap error; the BUG_ON of a vunmap at zero, after which the thread
// stops), self_deadlock (engine: an _unlocked call, or v6.4's dma_buf_mmap, with the resv held;
// the import's last put with the resv held), leak (dma_buf_release's BUG_ON(vmapping_counter):
// the last import freed while an importer vmap is left; the model reports it and goes on).
#pragma once

#include <cstdint>

namespace resvcheck::model {

struct ShmemObject;
enum class Mapping : uint8_t;

/// The dma-buf of an exported object (struct dma_buf): kept in the exporter's ShmemObject.
struct DmaBuf {
  uint32_t vmapping_counter = 0;  // dmabuf->vmapping_counter
  uint32_t attachments = 0;       // imports attached and not yet freed
};

// Every function takes the import object (the importer's GEM object of the dma-buf).

// dma_buf_vmap (the caller holds the resv): 0 or the exporter's vmap error
int dma_buf_vmap(ShmemObject& import);
// dma_buf_vunmap (the caller holds the resv)
void dma_buf_vunmap(ShmemObject& import);
// dma_buf_vmap_unlocked: takes the resv (NULL context) around dma_buf_vmap
int dma_buf_vmap_unlocked(ShmemObject& import);
// dma_buf_vunmap_unlocked: takes the resv (NULL context) around dma_buf_vunmap
void dma_buf_vunmap_unlocked(ShmemObject& import);
// dma_buf_map_attachment (the caller holds the resv): 0 (an sg table)
int dma_buf_map_attachment(ShmemObject& import);
// dma_buf_unmap_attachment (the caller holds the resv)
void dma_buf_unmap_attachment(ShmemObject& import);
// dma_buf_map_attachment_unlocked: takes the resv (NULL context) around dma_buf_map_attachment
int dma_buf_map_attachment_unlocked(ShmemObject& import);
// dma_buf_unmap_attachment_unlocked: takes the resv around dma_buf_unmap_attachment
void dma_buf_unmap_attachment_unlocked(ShmemObject& import);
// dma_buf_pin (the caller holds the resv): 0, DRM PRIME has no pin callback
int dma_buf_pin(ShmemObject& import);
// dma_buf_unpin (the caller holds the resv)
void dma_buf_unpin(ShmemObject& import);
// dma_buf_mmap: 0 or the exporter's mmap error (a MAP_SHARED vma)
int dma_buf_mmap(ShmemObject& import);
// dma_buf_mmap of a vma mapped as `mapping`, which the exporter's mmap sees (its COW check)
int dma_buf_mmap(ShmemObject& import, Mapping mapping);
// drm_prime_gem_destroy: the import's release (unmap, detach, dma_buf_put), run by its free path
void drm_prime_gem_destroy(ShmemObject& import);

}  // namespace resvcheck::model
