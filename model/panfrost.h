// The panfrost driver layers the conversion touched (drivers/gpu/drm/panfrost/panfrost_drv.c's
// madvise ioctl, panfrost_gem_shrinker.c), per helper version, and the reclaim paths that run the
// shrinker (mm/vmscan.c: kswapd and direct reclaim), as kernel-facts.md §5 and §3 describe them.
//
// Lock orders:
//  - madvise ioctl, v6.4: shrinker_lock -> pages_lock (drm_gem_shmem_madvise takes it itself);
//  - madvise ioctl, v6.5+: resv (interruptible, NULL context) -> shrinker_lock;
//  - shrinker scan: shrinker_lock -> pages_lock (v6.4) or resv (v6.5+), all trylocks, the whole
//    scan under fs_reclaim. The ioctl's order is the opposite of the scan's, which is safe only
//    because the scan never blocks: a busy shrinker_lock ends the scan, a busy object lock (the
//    caller's own included, KT-5) skips the object.
//
// Invariants: the shrinker list holds the objects the ioctl last marked dontneed and that are
// still retained (not purged) and not freed, in the order they were (re)marked; it is changed
// only under shrinker_lock (ioctl, scan, free path). The scan purges only what the version's
// drm_gem_shmem_is_purgeable accepts, checked before the object's lock is tried and not again
// (as the driver does), and drops each object it purged from the list.
//
// Lockless reads (visible events): the free path's "is it listed" (a read of list_object, which
// every list change writes); the scan's is_purgeable, whose state the helpers write under the
// object's lock (v6.4: pages_lock and vmap_lock; then the resv), is a write event on those locks
// so that the race analysis orders it against their acquisitions and releases. That is exact
// while the state it reads is written in the effect of the lock's own acquisition; a helper
// writing it after another visible event inside the critical section could be reordered against
// it (the shrinker catalogue replays deterministically under dpor and dfs).
//
// Left out: the per-object mappings.lock (every modeled path takes it right after shrinker_lock,
// so it is never contended and its edges, shrinker_lock -> mappings_lock and, from v6.5,
// resv -> mappings_lock, cannot close a cycle), the GPU mappings it guards and their teardown,
// gpu_usecount (no GPU jobs are modeled: always 0), the scan's nr_to_scan budget (every listed
// object is visited) and the ioctl's object lookup and `retained` result.
//
// Misuses reported: none of its own; the helper reports purge of an object that is not
// purgeable (warn), the lock primitives self_deadlock, recursive_locking and lock-order edges.
#pragma once

#include <vector>

#include "model/mutex.h"
#include "model/shmem_object.h"
#include "scheduler/ids.h"

namespace resvcheck::model {

struct Kernel;

/// struct panfrost_device's shrinker state. Only while an execution runs.
struct PanfrostDevice {
  /// `shrinker_lock` (a driver mutex of its own class) must outlive the execution. Becomes the
  /// kernel's panfrost device (Kernel::panfrost), which panfrost_gem_free_object uses.
  PanfrostDevice(Kernel& kernel, Mutex& shrinker_lock);

  Kernel* kernel;
  Mutex* shrinker_lock;                     // pfdev->shrinker_lock
  std::vector<ShmemObject*> shrinker_list;  // pfdev->shrinker_list, in insertion order
  // The free path reads the list without shrinker_lock, so every change of it (under the lock)
  // and that read are visible events on this object.
  sched::ObjectId list_object;
};

// panfrost_gem_free_object: off the shrinker list (under shrinker_lock, only when listed), then
// the version's drm_gem_shmem_free. The free path of every object of a panfrost device.
void panfrost_gem_free_object(GemObject& gem);
// panfrost_ioctl_madvise: `madv` 1 (dontneed) or 0 (willneed); 0, or -EINTR when the
// interruptible resv lock (v6.5+) is interrupted
int panfrost_ioctl_madvise(PanfrostDevice& dev, ShmemObject& obj, int madv);
// panfrost_gem_shrinker_scan: the number of objects purged (0 also when shrinker_lock is busy)
unsigned panfrost_gem_shrinker_scan(PanfrostDevice& dev);
// kswapd's shrink_slab: panfrost_gem_shrinker_scan under fs_reclaim
unsigned kswapd_shrink(PanfrostDevice& dev);
// __perform_reclaim (an allocation's direct reclaim): the scan under fs_reclaim, in the calling
// thread, with whatever it holds still held
unsigned direct_reclaim(PanfrostDevice& dev);

}  // namespace resvcheck::model
