#include "model/helper_v6_16.h"

#include <string>

#include "model/dma_buf.h"
#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/kernel.h"
#include "model/page_alloc.h"
#include "model/warn.h"
#include "scheduler/facade.h"

namespace resvcheck::model::v6_16 {
namespace {

using sched::Access;

/// A visible access to obj's pages_pin_count: the fast paths change it without the resv.
void pin_count_event(const ShmemObject& obj, Access access) {
  sched::visible(obj.pin_count_object, access);
}

bool held(ShmemObject& obj, std::string_view where) {
  return dma_resv_assert_held(obj.resv(), where);
}

std::string count_text(const UseCount& c) {
  return c.saturated() ? "saturated" : std::to_string(c.value());
}

// drm_gem_shmem_get_pages_sgt_locked (static)
int get_pages_sgt_locked(ShmemObject& obj) {
  // An import's shmem->sgt is the attachment's mapping, set at import: returned as it is.
  if (obj.has_sgt || obj.imported()) return 0;
  warn_if_imported(obj, "drm_gem_shmem_get_pages_sgt_locked");
  if (const int ret = drm_gem_shmem_get_pages_locked(obj); ret != 0) return ret;
  if (!allocate(*obj.kernel, "enomem")) {  // the sg table and its DMA mapping
    drm_gem_shmem_put_pages_locked(obj);
    return kENOMEM;
  }
  obj.has_sgt = true;
  return 0;
}

}  // namespace

int drm_gem_shmem_get_pages_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_get_pages_locked");
  if (obj.pages_use_count.inc_not_zero()) return 0;
  // The count stays 0 on failure; an import: WARN, -EINVAL.
  if (const int ret = drm_gem_get_pages(obj); ret != 0) return ret;
  obj.has_pages = true;
  obj.pages_use_count.set(1);
  return 0;
}

void drm_gem_shmem_put_pages_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_put_pages_locked");
  if (obj.pages_use_count.dec_and_test("drm_gem_shmem_put_pages_locked")) obj.has_pages = false;
}

int drm_gem_shmem_pin_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_pin_locked");
  warn_if_imported(obj, "drm_gem_shmem_pin_locked");
  pin_count_event(obj, Access::write);
  if (obj.pages_pin_count.inc_not_zero()) return 0;
  const int ret = drm_gem_shmem_get_pages_locked(obj);
  if (ret == 0) {
    pin_count_event(obj, Access::write);
    obj.pages_pin_count.set(1);
  }
  return ret;
}

void drm_gem_shmem_unpin_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_unpin_locked");
  pin_count_event(obj, Access::write);
  if (obj.pages_pin_count.dec_and_test("drm_gem_shmem_unpin_locked"))
    drm_gem_shmem_put_pages_locked(obj);
}

int drm_gem_shmem_pin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_pin");
  pin_count_event(obj, Access::write);  // lockless: no resv taken when already pinned
  if (obj.pages_pin_count.inc_not_zero()) return 0;
  if (const int ret = dma_resv_lock_interruptible(obj.resv(), nullptr); ret != 0) return ret;
  const int ret = drm_gem_shmem_pin_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_shmem_unpin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_unpin");
  pin_count_event(obj, Access::write);  // lockless: no resv taken unless this is the last pin
  if (obj.pages_pin_count.dec_not_one("drm_gem_shmem_unpin")) return;
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_shmem_unpin_locked(obj);
  dma_resv_unlock(obj.resv());
}

int drm_gem_shmem_vmap_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_vmap_locked");
  if (obj.imported()) return dma_buf_vmap(obj);     // no iomem check any more (eab10538073c)
  if (obj.vmap_use_count.inc_not_zero()) return 0;  // reuses vaddr
  if (const int ret = drm_gem_shmem_pin_locked(obj); ret != 0) return ret;
  if (!allocate(*obj.kernel, "enomem")) {  // vmap()
    drm_gem_shmem_unpin_locked(obj);
    return kENOMEM;
  }
  obj.has_vaddr = true;
  obj.vmap_use_count.set(1);
  return 0;
}

void drm_gem_shmem_vunmap_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_vunmap_locked");
  if (obj.imported()) return dma_buf_vunmap(obj);
  if (!obj.vmap_use_count.dec_and_test("drm_gem_shmem_vunmap_locked")) return;
  obj.has_vaddr = false;  // only on the last unmap (dd7177627618)
  drm_gem_shmem_unpin_locked(obj);
}

bool drm_gem_shmem_madvise_locked(ShmemObject& obj, int madv) {
  held(obj, "drm_gem_shmem_madvise_locked");
  if (obj.madv >= 0) obj.madv = madv;
  return obj.madv >= 0;
}

bool drm_gem_shmem_is_purgeable(ShmemObject& obj) {
  pin_count_event(obj, Access::read);
  return obj.madv > 0 && !obj.pages_pin_count.nonzero() && obj.has_sgt && !obj.exported &&
         !obj.imported();
}

void drm_gem_shmem_purge_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_purge_locked");
  if (!drm_gem_shmem_is_purgeable(obj))
    warn(obj, "drm_gem_shmem_purge_locked", "purging an object that is not purgeable");
  // An import is never purgeable; after the WARN the kernel frees the attachment's sg table and
  // truncates a shmem file the import does not have (NULL obj->filp): no effect modeled.
  if (obj.imported()) return;
  // Without an sg table the kernel's dma_unmap_sgtable dereferences NULL: no effect here.
  if (!obj.has_sgt) return;
  obj.has_sgt = false;
  drm_gem_shmem_put_pages_locked(obj);
  obj.madv = -1;
}

int drm_gem_shmem_get_sg_table(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_get_sg_table");
  if (!obj.has_pages) warn(obj, "drm_gem_shmem_get_sg_table", "no pages to build the table from");
  return 0;
}

int drm_gem_shmem_get_pages_sgt(ShmemObject& obj) {
  if (const int ret = dma_resv_lock_interruptible(obj.resv(), nullptr); ret != 0) return ret;
  const int ret = get_pages_sgt_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping) {
  if (obj.imported()) return dma_buf_mmap(obj, mapping);  // before the copy-on-write check
  if (mapping == Mapping::private_) return kEINVAL;       // is_cow_mapping, before any lock
  dma_resv_lock(obj.resv(), nullptr);
  const int ret = drm_gem_shmem_get_pages_locked(obj);  // a pages reference, not a pin
  dma_resv_unlock(obj.resv());
  if (ret != 0) return ret;
  drm_gem_object_get(obj.gem);  // drm_gem_mmap_obj's reference for the VMA
  return 0;
}

void drm_gem_shmem_vm_open(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_vm_open");
  dma_resv_lock(obj.resv(), nullptr);
  if (!obj.pages_use_count.inc_not_zero())
    warn(obj, "drm_gem_shmem_vm_open", "pages_use_count is 0 (WARN_ON_ONCE)");
  dma_resv_unlock(obj.resv());
  drm_gem_object_get(obj.gem);  // drm_gem_vm_open
}

void drm_gem_shmem_vm_close(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_shmem_put_pages_locked(obj);
  dma_resv_unlock(obj.resv());
  drm_gem_object_put(obj.gem);  // drm_gem_vm_close, after the locked section
}

int drm_gem_shmem_fault(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  int ret = 0;
  if (!obj.has_pages) {
    warn(obj, "drm_gem_shmem_fault", "no pages to map (WARN_ON_ONCE)");
    ret = kVmFaultSigbus;
  } else if (obj.madv < 0) {
    ret = kVmFaultSigbus;  // purged: not a bug, the fault is refused
  }
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_shmem_free(GemObject& gem) {
  ShmemObject& obj = *static_cast<ShmemObject*>(gem.owner);
  if (obj.imported()) return drm_prime_gem_destroy(obj);  // the import's pages are the exporter's
  constexpr std::string_view kWhere = "drm_gem_shmem_release";
  dma_resv_lock(obj.resv(), nullptr);
  if (obj.vmap_use_count.nonzero())
    leak(obj, kWhere, "vmap_use_count is " + count_text(obj.vmap_use_count));
  obj.has_sgt = false;  // unmapped and freed; its pages reference goes below
  if (obj.has_pages) drm_gem_shmem_put_pages_locked(obj);
  if (obj.pages_use_count.nonzero())
    leak(obj, kWhere, "pages_use_count is " + count_text(obj.pages_use_count));
  pin_count_event(obj, Access::read);
  if (obj.pages_pin_count.nonzero())
    leak(obj, kWhere, "pages_pin_count is " + count_text(obj.pages_pin_count));
  dma_resv_unlock(obj.resv());
}

int drm_gem_pin(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  // funcs->pin: the helper's drm_gem_shmem_object_pin is pin_locked; a driver callback that
  // calls the self-locking pin re-locks the resv unless its lockless fast path succeeds.
  const int ret = obj.pin_callback == PinCallback::shmem_pin ? drm_gem_shmem_pin(obj)
                                                             : drm_gem_shmem_pin_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_unpin(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_shmem_unpin_locked(obj);  // funcs->unpin: drm_gem_shmem_object_unpin
  dma_resv_unlock(obj.resv());
}

int drm_gem_vmap_locked(ShmemObject& obj) {
  held(obj, "drm_gem_vmap_locked");
  return drm_gem_shmem_vmap_locked(obj);
}

void drm_gem_vunmap_locked(ShmemObject& obj) {
  held(obj, "drm_gem_vunmap_locked");
  drm_gem_shmem_vunmap_locked(obj);
}

int drm_gem_vmap(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  const int ret = drm_gem_vmap_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_vunmap(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_vunmap_locked(obj);
  dma_resv_unlock(obj.resv());
}

}  // namespace resvcheck::model::v6_16
