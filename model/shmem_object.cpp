#include "model/shmem_object.h"

#include "model/errno.h"
#include "model/kernel.h"
#include "model/lockdep.h"
#include "model/page_alloc.h"
#include "model/warn.h"
#include "scheduler/facade.h"

namespace resvcheck::model {

ShmemObject::ShmemObject(Kernel& kernel, std::string_view name, DmaResv& resv,
                         ShmemObject* exporter, PinCallback pin_callback)
    : kernel(&kernel),
      name(name),
      pages_lock_name(std::string(name) + ".pages_lock"),
      vmap_lock_name(std::string(name) + ".vmap_lock"),
      pin_count_name(std::string(name) + ".pages_pin_count"),
      gem(kernel, name, resv, nullptr),
      exporter(exporter),
      pin_callback(pin_callback),
      pages_lock(kernel, pages_lock_name, lock_class::pages_lock),
      vmap_lock(kernel, vmap_lock_name, lock_class::vmap_lock),
      pages_use_count(name, "pages_use_count", kernel.version == Version::v6_16),
      pages_pin_count(name, "pages_pin_count", kernel.version == Version::v6_16),
      vmap_use_count(name, "vmap_use_count", kernel.version == Version::v6_16),
      pin_count_object(sched::new_object(pin_count_name)) {
  gem.owner = this;
}

// drm_gem_get_pages
int drm_gem_get_pages(ShmemObject& obj) {
  if (obj.imported()) {
    warn(obj, "drm_gem_get_pages", "no shmem file behind an imported object (WARN_ON(!obj->filp))");
    return kEINVAL;
  }
  return allocate(*obj.kernel, "enomem") ? 0 : kENOMEM;
}

}  // namespace resvcheck::model
