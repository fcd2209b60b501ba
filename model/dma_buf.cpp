#include "model/dma_buf.h"

#include <cstdlib>
#include <string>

#include "model/dma_resv.h"
#include "model/gem_object.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "model/warn.h"
#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {

ShmemObject& exporter_of(ShmemObject& import) { return *import.exporter; }
Version version_of(const ShmemObject& import) { return import.kernel->version; }

// drm_gem_dmabuf_vmap: the exporter's drm_gem_vmap (v6.16: drm_gem_vmap_locked), resv held
int exporter_vmap(ShmemObject& import) {
  ShmemObject& exp = exporter_of(import);
  switch (version_of(import)) {
    case Version::v6_4:
      return v6_4::drm_gem_vmap(exp);
    case Version::v6_5:
      return v6_5::drm_gem_vmap(exp);
    case Version::v6_10:
      return v6_10::drm_gem_vmap(exp);
    case Version::v6_16:
      return v6_16::drm_gem_vmap_locked(exp);
  }
  std::abort();
}

// drm_gem_dmabuf_vunmap: the exporter's drm_gem_vunmap (v6.16: drm_gem_vunmap_locked)
void exporter_vunmap(ShmemObject& import) {
  ShmemObject& exp = exporter_of(import);
  switch (version_of(import)) {
    case Version::v6_4:
      return v6_4::drm_gem_vunmap(exp);
    case Version::v6_5:
      return v6_5::drm_gem_vunmap(exp);
    case Version::v6_10:
      return v6_10::drm_gem_vunmap(exp);
    case Version::v6_16:
      return v6_16::drm_gem_vunmap_locked(exp);
  }
}

// drm_gem_map_dma_buf: funcs->get_sg_table, the exporter's drm_gem_shmem_get_sg_table
int exporter_map_dma_buf(ShmemObject& import) {
  ShmemObject& exp = exporter_of(import);
  switch (version_of(import)) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_get_sg_table(exp);
    case Version::v6_5:
      return v6_5::drm_gem_shmem_get_sg_table(exp);
    case Version::v6_10:
      return v6_10::drm_gem_shmem_get_sg_table(exp);
    case Version::v6_16:
      return v6_16::drm_gem_shmem_get_sg_table(exp);
  }
  std::abort();
}

// drm_gem_dmabuf_mmap -> drm_gem_prime_mmap: funcs->mmap, the exporter's drm_gem_shmem_mmap
int exporter_mmap(ShmemObject& import, Mapping mapping) {
  ShmemObject& exp = exporter_of(import);
  switch (version_of(import)) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_mmap(exp, mapping);
    case Version::v6_5:
      return v6_5::drm_gem_shmem_mmap(exp, mapping);
    case Version::v6_10:
      return v6_10::drm_gem_shmem_mmap(exp, mapping);
    case Version::v6_16:
      return v6_16::drm_gem_shmem_mmap(exp, mapping);
  }
  std::abort();
}

// drm_gem_map_detach: the exporter's drm_gem_unpin, which drops the attach's pin
void exporter_detach(ShmemObject& import) {
  ShmemObject& exp = exporter_of(import);
  switch (version_of(import)) {
    case Version::v6_4:
      return v6_4::drm_gem_unpin(exp);
    case Version::v6_5:
      return v6_5::drm_gem_unpin(exp);
    case Version::v6_10:
      return v6_10::drm_gem_unpin(exp);
    case Version::v6_16:
      return v6_16::drm_gem_unpin(exp);
  }
}

// dma_buf_detach: the resv (NULL context) around the attachment-list edit and the unmap of a
// cached mapping (nothing counted), then ops->detach without it
void dma_buf_detach(ShmemObject& import) {
  dma_resv_lock(import.resv(), nullptr);
  dma_resv_unlock(import.resv());
  exporter_detach(import);
}

// dma_buf_put -> dma_buf_release (the import's reference is the last): BUG_ON(vmapping_counter),
// then drm_gem_dmabuf_release drops the dma-buf's reference on the exporter's GEM object
void dma_buf_put(ShmemObject& import) {
  ShmemObject& exp = exporter_of(import);
  DmaBuf& buf = exp.dma_buf;
  if (buf.attachments > 0 && --buf.attachments == 0 && buf.vmapping_counter != 0)
    leak(import, "dma_buf_release",
         "vmapping_counter is " + std::to_string(buf.vmapping_counter) + " (BUG_ON)");
  drm_gem_object_put(exp.gem);
}

}  // namespace

void drm_prime_gem_destroy(ShmemObject& import) {
  dma_buf_unmap_attachment_unlocked(import);  // the import's sg table, shmem->sgt
  dma_buf_detach(import);
  dma_buf_put(import);
}

int dma_buf_vmap(ShmemObject& import) {
  dma_resv_assert_held(import.resv(), "dma_buf_vmap");
  DmaBuf& buf = exporter_of(import).dma_buf;
  if (buf.vmapping_counter > 0) {
    ++buf.vmapping_counter;  // the existing mapping is handed out again
    return 0;
  }
  if (const int ret = exporter_vmap(import); ret != 0) {
    warn(import, "dma_buf_vmap", "the exporter's vmap failed (WARN_ON_ONCE)");
    return ret;
  }
  buf.vmapping_counter = 1;
  return 0;
}

void dma_buf_vunmap(ShmemObject& import) {
  dma_resv_assert_held(import.resv(), "dma_buf_vunmap");
  DmaBuf& buf = exporter_of(import).dma_buf;
  if (buf.vmapping_counter == 0) {
    warn(import, "dma_buf_vunmap", "BUG_ON: vmapping_counter is 0");
    sched::stop_thread();
  }
  if (--buf.vmapping_counter == 0) exporter_vunmap(import);
}

int dma_buf_vmap_unlocked(ShmemObject& import) {
  dma_resv_lock(import.resv(), nullptr);
  const int ret = dma_buf_vmap(import);
  dma_resv_unlock(import.resv());
  return ret;
}

void dma_buf_vunmap_unlocked(ShmemObject& import) {
  dma_resv_lock(import.resv(), nullptr);
  dma_buf_vunmap(import);
  dma_resv_unlock(import.resv());
}

int dma_buf_map_attachment(ShmemObject& import) {
  dma_resv_assert_held(import.resv(), "dma_buf_map_attachment");
  return exporter_map_dma_buf(import);
}

void dma_buf_unmap_attachment(ShmemObject& import) {
  // drm_gem_unmap_dma_buf frees the table; nothing the model counts.
  dma_resv_assert_held(import.resv(), "dma_buf_unmap_attachment");
}

int dma_buf_map_attachment_unlocked(ShmemObject& import) {
  dma_resv_lock(import.resv(), nullptr);
  const int ret = dma_buf_map_attachment(import);
  dma_resv_unlock(import.resv());
  return ret;
}

void dma_buf_unmap_attachment_unlocked(ShmemObject& import) {
  dma_resv_lock(import.resv(), nullptr);
  dma_buf_unmap_attachment(import);
  dma_resv_unlock(import.resv());
}

int dma_buf_pin(ShmemObject& import) {
  dma_resv_assert_held(import.resv(), "dma_buf_pin");
  return 0;  // no ops->pin in DRM PRIME's dma_buf_ops
}

void dma_buf_unpin(ShmemObject& import) { dma_resv_assert_held(import.resv(), "dma_buf_unpin"); }

int dma_buf_mmap(ShmemObject& import) { return dma_buf_mmap(import, Mapping::shared); }

int dma_buf_mmap(ShmemObject& import, Mapping mapping) {
  if (version_of(import) != Version::v6_4) return exporter_mmap(import, mapping);
  dma_resv_lock(import.resv(), nullptr);  // v6.2 .. v6.4: the core holds the resv for ops->mmap
  const int ret = exporter_mmap(import, mapping);
  dma_resv_unlock(import.resv());
  return ret;
}

}  // namespace resvcheck::model
