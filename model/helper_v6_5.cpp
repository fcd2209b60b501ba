#include "model/helper_v6_5.h"

#include <string>

#include "model/dma_buf.h"
#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/kernel.h"
#include "model/page_alloc.h"
#include "model/warn.h"
#include "scheduler/facade.h"

namespace resvcheck::model::v6_5 {
namespace {

bool held(ShmemObject& obj, std::string_view where) {
  return dma_resv_assert_held(obj.resv(), where);
}

// drm_gem_shmem_pin_locked (static)
int pin_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_pin_locked");
  return drm_gem_shmem_get_pages(obj);
}

// drm_gem_shmem_unpin_locked (static)
void unpin_locked(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_unpin_locked");
  drm_gem_shmem_put_pages(obj);
}

// drm_gem_shmem_get_pages_sgt_locked (static)
int get_pages_sgt_locked(ShmemObject& obj) {
  // An import's shmem->sgt is the attachment's mapping, set at import: returned as it is.
  if (obj.has_sgt || obj.imported()) return 0;
  if (const int ret = drm_gem_shmem_get_pages(obj); ret != 0) return ret;
  if (!allocate(*obj.kernel, "enomem")) {  // the sg table and its DMA mapping
    drm_gem_shmem_put_pages(obj);
    return kENOMEM;
  }
  obj.has_sgt = true;
  return 0;
}

}  // namespace

bool drm_gem_shmem_is_purgeable(const ShmemObject& obj) {
  return obj.madv > 0 && obj.vmap_use_count.value() == 0 && obj.has_sgt && !obj.exported &&
         !obj.imported();
}

int drm_gem_shmem_get_pages(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_get_pages");
  const uint32_t before = obj.pages_use_count.value();
  obj.pages_use_count.inc();
  if (before > 0) return 0;
  if (const int ret = drm_gem_get_pages(obj); ret != 0) {  // an import: WARN, -EINVAL
    obj.pages_use_count.set(0);
    return ret;
  }
  obj.has_pages = true;
  return 0;
}

void drm_gem_shmem_put_pages(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_put_pages");
  if (obj.pages_use_count.dec_and_test("drm_gem_shmem_put_pages")) obj.has_pages = false;
}

int drm_gem_shmem_pin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_pin");
  if (const int ret = dma_resv_lock_interruptible(obj.resv(), nullptr); ret != 0) return ret;
  const int ret = pin_locked(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_shmem_unpin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_unpin");
  dma_resv_lock(obj.resv(), nullptr);
  unpin_locked(obj);
  dma_resv_unlock(obj.resv());
}

int drm_gem_shmem_vmap(ShmemObject& obj) {
  // Imported: no assert of its own (dma_buf_vmap asserts the shared resv); iomem not modeled.
  if (obj.imported()) return dma_buf_vmap(obj);
  held(obj, "drm_gem_shmem_vmap");
  const uint32_t before = obj.vmap_use_count.value();
  obj.vmap_use_count.inc();
  if (before > 0) return 0;
  int ret = drm_gem_shmem_get_pages(obj);
  if (ret == 0 && !allocate(*obj.kernel, "enomem")) {  // vmap()
    drm_gem_shmem_put_pages(obj);
    ret = kENOMEM;
  }
  if (ret != 0) {
    obj.vmap_use_count.set(0);
    return ret;
  }
  obj.has_vaddr = true;
  return 0;
}

void drm_gem_shmem_vunmap(ShmemObject& obj) {
  if (obj.imported()) return dma_buf_vunmap(obj);  // asserts the shared resv itself
  held(obj, "drm_gem_shmem_vunmap");
  if (!obj.vmap_use_count.dec_and_test("drm_gem_shmem_vunmap")) return;
  drm_gem_shmem_put_pages(obj);
  obj.has_vaddr = false;
}

bool drm_gem_shmem_madvise(ShmemObject& obj, int madv) {
  held(obj, "drm_gem_shmem_madvise");
  if (obj.madv >= 0) obj.madv = madv;
  return obj.madv >= 0;
}

void drm_gem_shmem_purge(ShmemObject& obj) {
  held(obj, "drm_gem_shmem_purge");
  if (!drm_gem_shmem_is_purgeable(obj))
    warn(obj, "drm_gem_shmem_purge", "purging an object that is not purgeable");
  // An import is never purgeable; after the WARN the kernel frees the attachment's sg table and
  // truncates a shmem file the import does not have (NULL obj->filp): no effect modeled.
  if (obj.imported()) return;
  if (!obj.has_sgt) return;  // the kernel would unmap a NULL sg table: no effect after the WARN
  obj.has_sgt = false;
  drm_gem_shmem_put_pages(obj);
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
  // Imported: dma_buf_mmap takes nothing from v6.5; the exporter's mmap locks the resv itself.
  if (obj.imported()) return dma_buf_mmap(obj, mapping);
  dma_resv_lock(obj.resv(), nullptr);
  const int ret = drm_gem_shmem_get_pages(obj);
  dma_resv_unlock(obj.resv());
  if (ret != 0) return ret;
  if (mapping == Mapping::private_) obj.cow_mapped = true;
  drm_gem_object_get(obj.gem);  // drm_gem_mmap_obj's reference for the VMA
  return 0;
}

void drm_gem_shmem_vm_open(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  if (obj.pages_use_count.value() == 0)
    warn(obj, "drm_gem_shmem_vm_open", "pages_use_count is 0 (WARN_ON_ONCE)");
  else
    obj.pages_use_count.inc();
  dma_resv_unlock(obj.resv());
  drm_gem_object_get(obj.gem);  // drm_gem_vm_open
}

void drm_gem_shmem_vm_close(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_shmem_put_pages(obj);
  dma_resv_unlock(obj.resv());
  drm_gem_object_put(obj.gem);  // drm_gem_vm_close, after the locked section
}

int drm_gem_shmem_fault(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  int ret = 0;
  if (!obj.has_pages) {
    warn(obj, "drm_gem_shmem_fault", "no pages to map");
    ret = kVmFaultSigbus;
  } else if (obj.madv < 0) {
    ret = kVmFaultSigbus;  // purged: not a bug, the fault is refused
  } else if (obj.cow_mapped) {
    // The task dies in the BUG with the resv held.
    warn(obj, "drm_gem_shmem_fault",
         "BUG_ON in vmf_insert_pfn_prot: a fault on a copy-on-write mapping");
    sched::stop_thread();
  }
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_shmem_free(GemObject& gem) {
  ShmemObject& obj = *static_cast<ShmemObject*>(gem.owner);
  if (obj.imported()) return drm_prime_gem_destroy(obj);  // the import's pages are the exporter's
  dma_resv_lock(obj.resv(), nullptr);
  if (obj.vmap_use_count.value() != 0)
    leak(obj, "drm_gem_shmem_free",
         "vmap_use_count is " + std::to_string(obj.vmap_use_count.value()));
  if (obj.has_sgt) obj.has_sgt = false;  // unmapped and freed; its pages reference goes below
  if (obj.has_pages) drm_gem_shmem_put_pages(obj);
  if (obj.pages_use_count.value() != 0)
    leak(obj, "drm_gem_shmem_free",
         "pages_use_count is " + std::to_string(obj.pages_use_count.value()));
  dma_resv_unlock(obj.resv());
}

int drm_gem_pin(ShmemObject& obj) {
  // funcs->pin: drm_gem_shmem_object_pin and a driver's own both reach the self-locking pin here.
  return drm_gem_shmem_pin(obj);
}

void drm_gem_unpin(ShmemObject& obj) { drm_gem_shmem_unpin(obj); }

int drm_gem_vmap(ShmemObject& obj) {
  held(obj, "drm_gem_vmap");
  return drm_gem_shmem_vmap(obj);
}

void drm_gem_vunmap(ShmemObject& obj) {
  held(obj, "drm_gem_vunmap");
  drm_gem_shmem_vunmap(obj);
}

int drm_gem_vmap_unlocked(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  const int ret = drm_gem_vmap(obj);
  dma_resv_unlock(obj.resv());
  return ret;
}

void drm_gem_vunmap_unlocked(ShmemObject& obj) {
  dma_resv_lock(obj.resv(), nullptr);
  drm_gem_vunmap(obj);
  dma_resv_unlock(obj.resv());
}

}  // namespace resvcheck::model::v6_5
