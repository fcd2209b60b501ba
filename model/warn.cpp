#include "model/warn.h"

#include "model/shmem_object.h"
#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {

void raise(sched::FindingKind kind, const ShmemObject& obj, std::string_view where,
           const std::string& what) {
  const std::string thread(sched::thread_name(sched::current_thread()));
  sched::report(kind, std::string(where) + " on '" + std::string(obj.name) + "': " + what,
                thread + ":" + std::string(where) + ":" + std::string(obj.name));
}

}  // namespace

void warn(const ShmemObject& obj, std::string_view where, const std::string& what) {
  raise(sched::FindingKind::warn, obj, where, what);
}

void warn_if_imported(const ShmemObject& obj, std::string_view where) {
  if (obj.imported()) warn(obj, where, "called on an imported object");
}

void leak(const ShmemObject& obj, std::string_view where, const std::string& what) {
  raise(sched::FindingKind::leak, obj, where, what);
}

}  // namespace resvcheck::model
