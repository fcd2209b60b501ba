#include "model/gem_object.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::model {

GemObject::GemObject(Kernel& kernel, std::string_view name, DmaResv& resv, void (*free)(GemObject&))
    : kernel(&kernel), name(name), resv(&resv), free(free), refcount(sched::new_object(name)) {}

// drm_gem_object_get
void drm_gem_object_get(GemObject& obj) {
  sched::visible(obj.refcount, sched::Access::write);
  ++obj.refs;
}

// drm_gem_object_put
void drm_gem_object_put(GemObject& obj) {
  sched::visible(obj.refcount, sched::Access::write);
  if (obj.refs == 0) {
    const std::string thread(sched::thread_name(sched::current_thread()));
    sched::report(sched::FindingKind::use_after_free,
                  "'" + thread + "' drops a reference to '" + std::string(obj.name) +
                      "', which is already freed",
                  thread + ":drm_gem_object_put:" + std::string(obj.name));
    return;
  }
  if (--obj.refs > 0) return;
  obj.freed = true;
  if (obj.free != nullptr) obj.free(obj);
}

}  // namespace resvcheck::model
