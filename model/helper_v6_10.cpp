#include "model/helper_v6_10.h"

#include <string_view>

#include "model/dma_buf.h"
#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/warn.h"

namespace resvcheck::model::v6_10 {
namespace {

// drm_gem_shmem_object_pin (header wrapper): the exported pin_locked, under drm_gem_pin's resv
int object_pin(ShmemObject& obj) { return drm_gem_shmem_pin_locked(obj); }

// drm_gem_shmem_object_unpin (header wrapper): the exported unpin_locked
void object_unpin(ShmemObject& obj) { drm_gem_shmem_unpin_locked(obj); }

// drm_gem_pin_locked (drm_internal.h): funcs->pin, the driver's callback; no assert of its own
int drm_gem_pin_locked(ShmemObject& obj) {
  switch (obj.pin_callback) {
    case PinCallback::object_pin:
      return object_pin(obj);
    case PinCallback::shmem_pin:
      return drm_gem_shmem_pin(obj);  // re-locks the resv drm_gem_pin holds: self_deadlock
  }
  return 0;
}

// drm_gem_unpin_locked (drm_internal.h): funcs->unpin. The drivers whose pin callback called
// drm_gem_shmem_pin (panfrost, lima) kept the helper's wrapper as their unpin callback.
void drm_gem_unpin_locked(ShmemObject& obj) { object_unpin(obj); }

}  // namespace

int drm_gem_shmem_pin_locked(ShmemObject& obj) {
  dma_resv_assert_held(obj.resv(), "drm_gem_shmem_pin_locked");
  warn_if_imported(obj, "drm_gem_shmem_pin_locked");
  return drm_gem_shmem_get_pages(obj);
}

void drm_gem_shmem_unpin_locked(ShmemObject& obj) {
  dma_resv_assert_held(obj.resv(), "drm_gem_shmem_unpin_locked");
  drm_gem_shmem_put_pages(obj);
}

int drm_gem_shmem_pin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_pin");
  if (const int ret = dma_resv_lock_interruptible(obj.resv(), nullptr); ret != 0) return ret;
  const int ret = drm_gem_shmem_pin_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping) {
  // The import branch comes first: the exporter's own mmap does the copy-on-write check.
  if (obj.imported()) return dma_buf_mmap(obj, mapping);
  // 39bc27bd6880: checked before the resv is taken; nothing is counted or referenced.
  if (mapping == Mapping::private_) return kEINVAL;
  return v6_5::drm_gem_shmem_mmap(obj, mapping);
}

int drm_gem_pin(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  const int ret = drm_gem_pin_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_unpin(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_unpin_locked(obj);
  dma_resv_unlock(obj.resv());
}

}  // namespace resvcheck::model::v6_10
