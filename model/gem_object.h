// The GEM object's reference count and reservation object (drivers/gpu/drm/drm_gem.c:
// drm_gem_object_get / drm_gem_object_put), as drm_exec, imports and mappings use them.
//
// Invariants: `refs` counts the scenario's reference plus one per import, per drm_exec that
// holds the object locked, and per mapping; the last put runs the object's free path at once,
// in the putting thread (so a put under the object's own resv reaches a free that may lock it).
// The count is a kref: changed without a lock, so every get and put is a visible event.
//
// Misuses reported: use_after_free for a put after the count reached zero.
#pragma once

#include <cstdint>
#include <string_view>

#include "scheduler/ids.h"

namespace resvcheck::model {

struct Kernel;
struct DmaResv;

struct GemObject {
  /// `free` is the object's release path (the version's drm_gem_shmem_free), run by the last put.
  GemObject(Kernel& kernel, std::string_view name, DmaResv& resv, void (*free)(GemObject&));

  Kernel* kernel;
  std::string_view name;
  DmaResv* resv;  // obj->resv: its own, or the exporter's for an import
  void (*free)(GemObject&);
  void* owner = nullptr;     // the object that embeds it (the free path's argument)
  sched::ObjectId refcount;  // the kref's own object
  uint32_t refs = 1;
  bool freed = false;
};

// drm_gem_object_get
void drm_gem_object_get(GemObject& obj);
// drm_gem_object_put
void drm_gem_object_put(GemObject& obj);

}  // namespace resvcheck::model
