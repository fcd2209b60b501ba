// The drm-shmem GEM object's state (include/drm/drm_gem_shmem_helper.h), the same fields in
// every version; which fields a version uses, and under which lock, is the helper's business.
//
// Invariants kept by the helpers: has_pages iff pages_use_count > 0 (except after a purge, which
// keeps the array until the last put); has_sgt implies one pages reference held for it; madv < 0
// only after a purge. An import (exporter != nullptr) shares its exporter's resv and counts no
// pages of its own: it has no shmem file (drm_gem_private_object_init), so any page allocation on
// it fails (drm_gem_get_pages below), and its sg table is the dma-buf attachment's mapping, set at
// import (drm_gem_shmem_prime_import_sg_table), which has_sgt does not count.
#pragma once

#include <string>
#include <string_view>

#include "model/dma_buf.h"
#include "model/gem_object.h"
#include "model/mutex.h"
#include "model/use_count.h"

namespace resvcheck::model {

struct Kernel;
struct DmaResv;

/// How user space maps the object (drm_gem_shmem_mmap's vma).
enum class Mapping : uint8_t {
  shared,    // MAP_SHARED
  private_,  // MAP_PRIVATE of a writable file: a copy-on-write mapping
};

/// The driver's funcs->pin, as drm_gem_pin calls it (scenario key "pin_callback").
enum class PinCallback : uint8_t {
  object_pin,  // drm_gem_shmem_object_pin: the helper's wrapper of that version
  shmem_pin,   // a driver callback that calls the self-locking drm_gem_shmem_pin (panfrost, lima)
};

struct ShmemObject {
  /// Only while an execution runs. `name` must outlive the execution.
  ShmemObject(Kernel& kernel, std::string_view name, DmaResv& resv, ShmemObject* exporter,
              PinCallback pin_callback);

  bool imported() const { return exporter != nullptr; }
  DmaResv& resv() const { return *gem.resv; }

  Kernel* kernel;
  std::string_view name;
  std::string pages_lock_name;  // "<name>.pages_lock"
  std::string vmap_lock_name;   // "<name>.vmap_lock"
  std::string pin_count_name;   // "<name>.pages_pin_count"
  GemObject gem;
  ShmemObject* exporter;  // an import's exported object; nullptr for a native object
  PinCallback pin_callback;
  Mutex pages_lock;       // v6.4 only
  Mutex vmap_lock;        // v6.4 only
  bool exported = false;  // a dma-buf of it exists (obj->dma_buf): never purgeable
  DmaBuf dma_buf;         // that dma-buf's state (when exported)
  bool has_pages = false;
  bool has_sgt = false;
  bool has_vaddr = false;
  UseCount pages_use_count;
  UseCount pages_pin_count;  // v6.16
  UseCount vmap_use_count;
  // v6.16's lockless pin/unpin fast paths change pages_pin_count without the resv, so every
  // access to it is a visible event on this object.
  sched::ObjectId pin_count_object;
  int madv = 0;             // 0 active, 1 dontneed, -1 purged
  bool cow_mapped = false;  // a copy-on-write mapping exists (faults on it hit a BUG_ON)
};

// drm_gem_get_pages (drm_gem.c): an import has no shmem file, so WARN_ON(!obj->filp) and
// -EINVAL; else the pages array is allocated: 0 or -ENOMEM. Counts nothing.
int drm_gem_get_pages(ShmemObject& obj);

}  // namespace resvcheck::model
