#include "model/drm_exec.h"

#include <algorithm>
#include <string>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/gem_object.h"
#include "model/kernel.h"
#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {

// drm_exec_obj_locked: remember the object, with a reference.
void remember(DrmExec& exec, GemObject& obj) {
  drm_gem_object_get(obj);
  exec.objects.push_back(&obj);
}

// drm_exec_unlock_all
void unlock_all(DrmExec& exec) {
  for (auto it = exec.objects.rbegin(); it != exec.objects.rend(); ++it) {
    dma_resv_unlock(*(*it)->resv);
    drm_gem_object_put(**it);
  }
  exec.objects.clear();
  if (exec.prelocked != nullptr) drm_gem_object_put(*exec.prelocked);
  exec.prelocked = nullptr;
}

// drm_exec_lock_contended
int lock_contended(DrmExec& exec) {
  GemObject* obj = exec.contended;
  if (obj == nullptr) return 0;
  exec.contended = nullptr;  // always, so that error handling can kick in
  if (exec.flags.interruptible) {
    if (const int ret = dma_resv_lock_slow_interruptible(*obj->resv, exec.ticket); ret != 0) {
      drm_gem_object_put(*obj);
      return ret;
    }
  } else {
    dma_resv_lock_slow(*obj->resv, exec.ticket);
  }
  remember(exec, *obj);
  exec.prelocked = obj;
  return 0;
}

}  // namespace

DrmExec::DrmExec(Kernel& kernel, std::string_view name)
    : kernel(&kernel), name(name), ticket(kernel, name, " (exec " + std::string(name) + ")") {}

// drm_exec_init
void drm_exec_init(DrmExec& exec, DrmExecFlags flags) {
  exec.flags = flags;
  exec.live = true;
  exec.dummy = true;
  exec.objects.clear();
  exec.contended = nullptr;
  exec.prelocked = nullptr;
}

// drm_exec_cleanup
bool drm_exec_cleanup(DrmExec& exec) {
  if (exec.dummy) {
    exec.dummy = false;
    ww_acquire_init(exec.ticket, exec.kernel->reservation_class);
    return true;
  }
  if (exec.contended == nullptr) {
    ww_acquire_done(exec.ticket);
    return false;
  }
  unlock_all(exec);
  return true;
}

// drm_exec_lock_obj
int drm_exec_lock_obj(DrmExec& exec, GemObject& obj) {
  if (const int ret = lock_contended(exec); ret != 0) return ret;
  if (exec.prelocked == &obj) {
    drm_gem_object_put(obj);
    exec.prelocked = nullptr;
    return 0;
  }
  const int ret = exec.flags.interruptible ? dma_resv_lock_interruptible(*obj.resv, &exec.ticket)
                                           : dma_resv_lock(*obj.resv, &exec.ticket);
  if (ret == kEDEADLK) {
    drm_gem_object_get(obj);
    exec.contended = &obj;
    return kEDEADLK;
  }
  if (ret == kEALREADY && exec.flags.ignore_duplicates) return 0;
  if (ret != 0) return ret;
  remember(exec, obj);
  return 0;
}

// drm_exec_unlock_obj
void drm_exec_unlock_obj(DrmExec& exec, GemObject& obj) {
  const auto it = std::find(exec.objects.begin(), exec.objects.end(), &obj);
  if (it == exec.objects.end()) return;  // the kernel looks the object up and does nothing
  exec.objects.erase(it);
  dma_resv_unlock(*obj.resv);
  drm_gem_object_put(obj);
}

// drm_exec_fini
void drm_exec_fini(DrmExec& exec) {
  unlock_all(exec);
  if (!exec.dummy) {
    if (exec.contended != nullptr) drm_gem_object_put(*exec.contended);
    exec.contended = nullptr;
    ww_acquire_fini(exec.ticket);
  }
  exec.live = false;
}

int drm_exec_lock(DrmExec& exec, std::span<GemObject* const> objects, DrmExecFlags flags) {
  if (exec.live) {
    const std::string thread(sched::thread_name(sched::current_thread()));
    sched::report(sched::FindingKind::ww_misuse,
                  "'" + thread + "': drm_exec_lock on exec '" + std::string(exec.name) +
                      "', which is still live (no drm_exec_fini since its last use)",
                  thread + ":" + std::string(exec.name) + ":live");
    return 0;
  }
  drm_exec_init(exec, flags);
  while (drm_exec_cleanup(exec)) {
    for (GemObject* obj : objects) {
      const int ret = drm_exec_lock_obj(exec, *obj);
      if (ret == kEDEADLK && exec.contended != nullptr) break;  // drm_exec_retry_on_contention
      if (ret != 0) return ret;
    }
  }
  return 0;
}

}  // namespace resvcheck::model
