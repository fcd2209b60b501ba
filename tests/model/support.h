// Helpers shared by the model suites. Include after the STL headers and before CppUTest's.
#pragma once

#include <array>
#include <functional>
#include <string>

#include "model/dma_resv.h"
#include "model/drm_exec.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"

namespace resvcheck::model {

/// The kinds found, in the closed list's order, joined by spaces ("" when clean).
inline std::string kinds(const sched::ExplorationResult& r) {
  std::string out;
  for (const sched::KindSummary& k : r.findings)
    out += (out.empty() ? "" : " ") + std::string(sched::finding_kind_name(k.kind));
  return out;
}

/// One native shmem object `bo` on its own resv, in a kernel of one helper version; the helper
/// suites derive their World from it.
struct ShmemWorld {
  ShmemWorld(Version version, void (*free)(GemObject&), Injection inject = {},
             PinCallback pin_callback = PinCallback::object_pin)
      : kernel(version, inject),
        resv(kernel, "bo.resv", kernel.reservation_class),
        bo(kernel, "bo", resv, nullptr, pin_callback) {
    bo.gem.free = free;
  }
  Kernel kernel;
  DmaResv resv;
  ShmemObject bo;
};

/// Locks bo through a drm_exec "e", runs `inside`, then finishes the exec (the review's VM_BIND).
inline void in_exec(ShmemWorld& w, const std::function<void()>& inside) {
  DrmExec* exec = sched::make<DrmExec>(w.kernel, "e");
  const std::array<GemObject*, 1> objects = {&w.bo.gem};
  drm_exec_lock(*exec, objects, {});
  inside();
  drm_exec_fini(*exec);
}

}  // namespace resvcheck::model
