#include "scenarios/thread_execs.h"

#include <algorithm>

namespace resvcheck::scenarios {

uint32_t ThreadExecs::use(const std::string& name, const Pointer& at) {
  const auto it =
      std::find_if(execs_.begin(), execs_.end(), [&name](const Exec& e) { return e.name == name; });
  if (it != execs_.end()) return static_cast<uint32_t>(it - execs_.begin());
  execs_.push_back({name, at});
  return static_cast<uint32_t>(execs_.size() - 1);
}

void ThreadExecs::check_locked(JsonReader& r, std::string_view thread) const {
  for (const Exec& e : execs_)
    if (!e.locked)
      r.fail(e.first_use, "exec '" + e.name + "' is never locked (drm_exec_lock) in thread '" +
                              std::string(thread) + "'");
}

std::vector<std::string> ThreadExecs::names() const {
  std::vector<std::string> out;
  for (const Exec& e : execs_) out.push_back(e.name);
  return out;
}

}  // namespace resvcheck::scenarios
