#include "model/panfrost.h"

#include <algorithm>

#include "model/dma_resv.h"
#include "model/gem_object.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/page_alloc.h"
#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {

// drm_gem_shmem_madvise of the version (madvise_locked from v6.16); v6.5+ hold the resv
bool shmem_madvise(ShmemObject& obj, int madv) {
  switch (obj.kernel->version) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_madvise(obj, madv);
    case Version::v6_5:
      return v6_5::drm_gem_shmem_madvise(obj, madv);
    case Version::v6_10:
      return v6_10::drm_gem_shmem_madvise(obj, madv);
    case Version::v6_16:
      break;
  }
  return v6_16::drm_gem_shmem_madvise_locked(obj, madv);
}

// drm_gem_shmem_is_purgeable of the version, as the scan calls it: without the object's lock.
// The state it reads is written under that lock (v6.4: madv and the sg table under pages_lock,
// vmap_use_count under vmap_lock; later the resv), so the read is a visible event on the lock:
// a write access, so that the race analysis orders it against acquisitions as well as releases
// (a read of a lock object stands for a failed trylock, which races with releases only).
bool is_purgeable(ShmemObject& obj) {
  if (obj.kernel->version == Version::v6_4) {
    sched::visible(obj.pages_lock.id, sched::Access::write);
    sched::visible(obj.vmap_lock.id, sched::Access::write);
  } else {
    sched::visible(obj.resv().lock.id, sched::Access::write);
  }
  switch (obj.kernel->version) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_is_purgeable(obj);
    case Version::v6_5:
      return v6_5::drm_gem_shmem_is_purgeable(obj);
    case Version::v6_10:
      return v6_10::drm_gem_shmem_is_purgeable(obj);
    case Version::v6_16:
      break;
  }
  return v6_16::drm_gem_shmem_is_purgeable(obj);
}

// panfrost_gem_purge: trylocks the object (v6.4: pages_lock, then purge_locked; v6.5/v6.10: the
// resv, then drm_gem_shmem_purge; v6.16: the resv, then purge_locked); false when it is busy
bool gem_purge(ShmemObject& obj) {
  if (obj.kernel->version == Version::v6_4) {
    if (!mutex_trylock(obj.pages_lock)) return false;
    v6_4::drm_gem_shmem_purge_locked(obj);
    mutex_unlock(obj.pages_lock);
    return true;
  }
  if (!dma_resv_trylock(obj.resv())) return false;
  if (obj.kernel->version == Version::v6_16)
    v6_16::drm_gem_shmem_purge_locked(obj);
  else
    v6_5::drm_gem_shmem_purge(obj);  // v6.10 keeps v6.5's
  dma_resv_unlock(obj.resv());
  return true;
}

// list_move_tail / list_del_init on the object's madv_list entry
void list_edit(PanfrostDevice& dev, ShmemObject& obj, bool add) {
  sched::visible(dev.list_object, sched::Access::write);
  auto& list = dev.shrinker_list;
  list.erase(std::remove(list.begin(), list.end(), &obj), list.end());
  if (add) list.push_back(&obj);
}

// drm_gem_shmem_free of the version
void shmem_free(GemObject& gem) {
  switch (gem.kernel->version) {
    case Version::v6_4:
      v6_4::drm_gem_shmem_free(gem);
      return;
    case Version::v6_5:
      v6_5::drm_gem_shmem_free(gem);
      return;
    case Version::v6_10:
      v6_10::drm_gem_shmem_free(gem);
      return;
    case Version::v6_16:
      v6_16::drm_gem_shmem_free(gem);
      return;
  }
}

// fs_reclaim_acquire .. fs_reclaim_release around a reclaim pass (lockdep only: never blocks)
unsigned under_fs_reclaim(PanfrostDevice& dev) {
  Lockdep& lockdep = dev.kernel->lockdep;
  const LockRef map = fs_reclaim_map();
  lockdep.check_acquire(map, nullptr);
  lockdep.acquired({.lock = map, .how = ""});
  const unsigned freed = panfrost_gem_shrinker_scan(dev);
  lockdep.released(map.instance);
  return freed;
}

}  // namespace

PanfrostDevice::PanfrostDevice(Kernel& kernel, Mutex& shrinker_lock)
    : kernel(&kernel),
      shrinker_lock(&shrinker_lock),
      list_object(sched::new_object("shrinker_list")) {
  kernel.panfrost = this;
}

void panfrost_gem_free_object(GemObject& gem) {
  auto& obj = *static_cast<ShmemObject*>(gem.owner);
  PanfrostDevice& dev = *gem.kernel->panfrost;
  sched::visible(dev.list_object, sched::Access::read);  // !list_empty(madv_list), lockless
  const auto& list = dev.shrinker_list;
  if (std::find(list.begin(), list.end(), &obj) != list.end()) {
    mutex_lock(*dev.shrinker_lock);
    list_edit(dev, obj, false);
    mutex_unlock(*dev.shrinker_lock);
  }
  shmem_free(gem);
}

int panfrost_ioctl_madvise(PanfrostDevice& dev, ShmemObject& obj, int madv) {
  const bool resv = dev.kernel->version != Version::v6_4;
  if (resv)
    if (const int ret = dma_resv_lock_interruptible(obj.resv(), nullptr); ret != 0) return ret;
  mutex_lock(*dev.shrinker_lock);
  // (mappings.lock would nest here: see the header)
  if (shmem_madvise(obj, madv)) list_edit(dev, obj, madv > 0);  // retained
  mutex_unlock(*dev.shrinker_lock);
  if (resv) dma_resv_unlock(obj.resv());
  return 0;
}

unsigned panfrost_gem_shrinker_scan(PanfrostDevice& dev) {
  if (!mutex_trylock(*dev.shrinker_lock)) return 0;  // SHRINK_STOP
  unsigned freed = 0;
  auto& list = dev.shrinker_list;  // only changed under shrinker_lock, which this thread holds
  for (size_t i = 0; i < list.size();) {
    if (is_purgeable(*list[i]) && gem_purge(*list[i])) {
      ++freed;
      sched::visible(dev.list_object, sched::Access::write);  // list_del_init
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  mutex_unlock(*dev.shrinker_lock);
  return freed;
}

unsigned kswapd_shrink(PanfrostDevice& dev) { return under_fs_reclaim(dev); }

unsigned direct_reclaim(PanfrostDevice& dev) { return under_fs_reclaim(dev); }

}  // namespace resvcheck::model
