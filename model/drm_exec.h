// drm_exec (drivers/gpu/drm/drm_exec.c), which drivers use to lock many GEM objects under one
// acquire context; offered in every helper version (scenario-format.md), as scenarios use it as
// driver code the way the review's VM_BIND path did.
//
// Modeled: init (the ticket is initialised lazily, by the first drm_exec_cleanup), the
// until-all-locked loop (drm_exec_cleanup: ww_acquire_done when nothing was contended, else
// unlock everything and run the body again), drm_exec_lock_obj (first lock_slow the contended
// object and remember it as prelocked; -EDEADLK records the contended object; -EALREADY is
// returned, or 0 with ignore_duplicates), unlock_obj and fini, with a GEM reference held for each
// locked object and for the contended one.
//
// Misuses reported: ww_misuse for drm_exec_lock on an exec that is still live; the ww_mutex
// checks (a new object after the loop: lock after ww_acquire_done) come from ww_mutex.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/ww_mutex.h"

namespace resvcheck::model {

struct GemObject;

struct DrmExecFlags {
  bool interruptible = false;      // DRM_EXEC_INTERRUPTIBLE_WAIT
  bool ignore_duplicates = false;  // DRM_EXEC_IGNORE_DUPLICATES
};

struct DrmExec {
  DrmExec(Kernel& kernel, std::string_view name);

  Kernel* kernel;
  std::string_view name;
  WwAcquireCtx ticket;
  DrmExecFlags flags;
  bool live = false;  // between drm_exec_init and drm_exec_fini
  bool dummy = true;  // contended == DRM_EXEC_DUMMY: the ticket is not initialised yet
  std::vector<GemObject*> objects;  // locked, in locking order (each holds a reference)
  GemObject* contended = nullptr;   // returned -EDEADLK; holds a reference
  GemObject* prelocked = nullptr;   // taken by lock_slow; holds a reference
};

// drm_exec_init
void drm_exec_init(DrmExec& exec, DrmExecFlags flags);
// drm_exec_cleanup: the loop condition of drm_exec_until_all_locked
bool drm_exec_cleanup(DrmExec& exec);
// drm_exec_lock_obj: 0, -EDEADLK, -EALREADY or -EINTR
int drm_exec_lock_obj(DrmExec& exec, GemObject& obj);
// drm_exec_unlock_obj
void drm_exec_unlock_obj(DrmExec& exec, GemObject& obj);
// drm_exec_fini
void drm_exec_fini(DrmExec& exec);

/// The scenario call drm_exec_lock: drm_exec_init, then drm_exec_until_all_locked { lock each
/// object; drm_exec_retry_on_contention }. Returns the first error other than contention; the
/// objects locked so far stay locked until drm_exec_fini.
int drm_exec_lock(DrmExec& exec, std::span<GemObject* const> objects, DrmExecFlags flags);

}  // namespace resvcheck::model
