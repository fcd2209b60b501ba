#include "model/helper_v6_4.h"

#include <string>

#include "model/dma_buf.h"
#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/kernel.h"
#include "model/mutex.h"
#include "model/page_alloc.h"
#include "model/warn.h"
#include "scheduler/facade.h"

namespace resvcheck::model::v6_4 {
namespace {

// drm_gem_shmem_get_pages_locked (static; pages_lock held by the caller, not asserted)
int get_pages_locked(ShmemObject& obj) {
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

// drm_gem_shmem_put_pages_locked (static; pages_lock held by the caller, not asserted)
void put_pages_locked(ShmemObject& obj) {
  if (obj.pages_use_count.dec_and_test("drm_gem_shmem_put_pages_locked")) obj.has_pages = false;
}

// drm_gem_shmem_vmap_locked (static; vmap_lock held by the caller)
int vmap_locked(ShmemObject& obj) {
  // Imported: the dma-buf's own count, no vmap_use_count (67fe7487fe89); dma_buf_vmap asserts
  // the shared resv and runs the exporter's vmap, which takes the exporter's vmap_lock and
  // pages_lock under this one. An iomem mapping (-EIO) is not modeled.
  if (obj.imported()) return dma_buf_vmap(obj);
  const uint32_t before = obj.vmap_use_count.value();
  obj.vmap_use_count.inc();
  if (before > 0) return 0;                // the existing kernel mapping is handed out again
  int ret = drm_gem_shmem_get_pages(obj);  // the self-locking one: vmap_lock -> pages_lock
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

// drm_gem_shmem_vunmap_locked (static; vmap_lock held by the caller)
void vunmap_locked(ShmemObject& obj) {
  if (obj.imported()) return dma_buf_vunmap(obj);  // no vmap_use_count on an import
  if (!obj.vmap_use_count.dec_and_test("drm_gem_shmem_vunmap_locked")) return;
  drm_gem_shmem_put_pages(obj);  // takes pages_lock under vmap_lock
  obj.has_vaddr = false;
}

// drm_gem_shmem_get_pages_sgt_locked (static; pages_lock held by the caller)
int get_pages_sgt_locked(ShmemObject& obj) {
  // An import's shmem->sgt is the attachment's mapping, set at import: returned as it is.
  if (obj.has_sgt || obj.imported()) return 0;
  if (const int ret = get_pages_locked(obj); ret != 0) return ret;
  if (!allocate(*obj.kernel, "enomem")) {  // the sg table and its DMA mapping
    put_pages_locked(obj);
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
  warn_if_imported(obj, "drm_gem_shmem_get_pages");
  if (const int ret = mutex_lock_interruptible(obj.pages_lock); ret != 0) return ret;
  const int ret = get_pages_locked(obj);
  mutex_unlock(obj.pages_lock);
  return ret;
}

void drm_gem_shmem_put_pages(ShmemObject& obj) {
  mutex_lock(obj.pages_lock);
  put_pages_locked(obj);
  mutex_unlock(obj.pages_lock);
}

int drm_gem_shmem_pin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_pin");
  return drm_gem_shmem_get_pages(obj);
}

void drm_gem_shmem_unpin(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_unpin");
  drm_gem_shmem_put_pages(obj);
}

int drm_gem_shmem_vmap(ShmemObject& obj) {
  if (const int ret = mutex_lock_interruptible(obj.vmap_lock); ret != 0) return ret;
  const int ret = vmap_locked(obj);
  mutex_unlock(obj.vmap_lock);
  return ret;
}

void drm_gem_shmem_vunmap(ShmemObject& obj) {
  mutex_lock(obj.vmap_lock);
  vunmap_locked(obj);
  mutex_unlock(obj.vmap_lock);
}

bool drm_gem_shmem_madvise(ShmemObject& obj, int madv) {
  mutex_lock(obj.pages_lock);
  if (obj.madv >= 0) obj.madv = madv;
  const bool not_purged = obj.madv >= 0;
  mutex_unlock(obj.pages_lock);
  return not_purged;
}

void drm_gem_shmem_purge_locked(ShmemObject& obj) {
  if (!drm_gem_shmem_is_purgeable(obj))
    warn(obj, "drm_gem_shmem_purge_locked", "purging an object that is not purgeable");
  // An import is never purgeable; after the WARN the kernel frees the attachment's sg table and
  // truncates a shmem file the import does not have (NULL obj->filp): no effect modeled.
  if (obj.imported()) return;
  if (!obj.has_sgt) return;  // the kernel would unmap a NULL sg table: no effect after the WARN
  obj.has_sgt = false;
  put_pages_locked(obj);
  obj.madv = -1;  // then the user mappings are zapped and the shmem file truncated
}

bool drm_gem_shmem_purge(ShmemObject& obj) {
  if (!mutex_trylock(obj.pages_lock)) return false;
  drm_gem_shmem_purge_locked(obj);
  mutex_unlock(obj.pages_lock);
  return true;
}

int drm_gem_shmem_get_sg_table(ShmemObject& obj) {
  warn_if_imported(obj, "drm_gem_shmem_get_sg_table");
  if (!obj.has_pages) warn(obj, "drm_gem_shmem_get_sg_table", "no pages to build the table from");
  return 0;
}

int drm_gem_shmem_get_pages_sgt(ShmemObject& obj) {
  if (const int ret = mutex_lock_interruptible(obj.pages_lock); ret != 0) return ret;
  const int ret = get_pages_sgt_locked(obj);
  mutex_unlock(obj.pages_lock);
  return ret;
}

int drm_gem_shmem_mmap(ShmemObject& obj, Mapping mapping) {
  // Imported: drm_gem_mmap_obj's reference is dropped and dma_buf_mmap (which takes the resv in
  // this range) runs the exporter's mmap.
  if (obj.imported()) return dma_buf_mmap(obj, mapping);
  if (const int ret = drm_gem_shmem_get_pages(obj); ret != 0) return ret;
  if (mapping == Mapping::private_) obj.cow_mapped = true;
  drm_gem_object_get(obj.gem);  // drm_gem_mmap_obj's reference for the VMA
  return 0;
}

void drm_gem_shmem_vm_open(ShmemObject& obj) {
  mutex_lock(obj.pages_lock);
  if (obj.pages_use_count.value() == 0)
    warn(obj, "drm_gem_shmem_vm_open", "pages_use_count is 0 (WARN_ON_ONCE)");
  else
    obj.pages_use_count.inc();
  mutex_unlock(obj.pages_lock);
  drm_gem_object_get(obj.gem);  // drm_gem_vm_open
}

void drm_gem_shmem_vm_close(ShmemObject& obj) {
  drm_gem_shmem_put_pages(obj);
  drm_gem_object_put(obj.gem);  // drm_gem_vm_close, after the pages reference is gone
}

int drm_gem_shmem_fault(ShmemObject& obj) {
  mutex_lock(obj.pages_lock);
  int ret = 0;
  if (!obj.has_pages) {
    warn(obj, "drm_gem_shmem_fault", "no pages to map");
    ret = kVmFaultSigbus;
  } else if (obj.madv < 0) {
    ret = kVmFaultSigbus;  // purged: not a bug, the fault is refused
  } else if (obj.cow_mapped) {
    // The task dies in the BUG with pages_lock held.
    warn(obj, "drm_gem_shmem_fault",
         "BUG_ON in vmf_insert_pfn_prot: a fault on a copy-on-write mapping");
    sched::stop_thread();
  }
  mutex_unlock(obj.pages_lock);
  return ret;
}

void drm_gem_shmem_free(GemObject& gem) {
  ShmemObject& obj = *static_cast<ShmemObject*>(gem.owner);
  if (obj.imported()) return drm_prime_gem_destroy(obj);  // the import's pages are the exporter's
  // No resv here: only the helper's own mutexes, and only pages_lock (through put_pages).
  if (obj.vmap_use_count.value() != 0)
    leak(obj, "drm_gem_shmem_free",
         "vmap_use_count is " + std::to_string(obj.vmap_use_count.value()));
  if (obj.has_sgt) obj.has_sgt = false;  // unmapped and freed; its pages reference goes below
  if (obj.has_pages) drm_gem_shmem_put_pages(obj);
  if (obj.pages_use_count.value() != 0)
    leak(obj, "drm_gem_shmem_free",
         "pages_use_count is " + std::to_string(obj.pages_use_count.value()));
}

int drm_gem_pin(ShmemObject& obj) {
  // funcs->pin: drm_gem_shmem_object_pin and a driver's own both reach the self-locking pin here.
  return drm_gem_shmem_pin(obj);
}

void drm_gem_unpin(ShmemObject& obj) { drm_gem_shmem_unpin(obj); }

int drm_gem_vmap(ShmemObject& obj) {
  dma_resv_assert_held(obj.resv(), "drm_gem_vmap");
  return drm_gem_shmem_vmap(obj);  // funcs->vmap: drm_gem_shmem_object_vmap
}

void drm_gem_vunmap(ShmemObject& obj) {
  dma_resv_assert_held(obj.resv(), "drm_gem_vunmap");
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

}  // namespace resvcheck::model::v6_4
