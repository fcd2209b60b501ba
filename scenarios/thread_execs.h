// The drm_exec names of one thread, gathered while its ops load (scenario-format.md: exec names
// are per thread, like context names). Once the thread is loaded, every exec it uses must be
// locked (drm_exec_lock) somewhere in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/json_reader.h"

namespace resvcheck::scenarios {

class ThreadExecs {
 public:
  /// The index of exec `name`, which the op at `at` names (ThreadSpec::execs order).
  uint32_t use(const std::string& name, const Pointer& at);
  /// drm_exec_lock of exec `exec`.
  void lock(uint32_t exec) { execs_[exec].locked = true; }

  /// Reports, at its first use, each exec the thread never locks with drm_exec_lock.
  void check_locked(JsonReader& r, std::string_view thread) const;
  /// The exec names, in first-use order.
  std::vector<std::string> names() const;

 private:
  struct Exec {
    std::string name;
    Pointer first_use;
    bool locked = false;
  };
  std::vector<Exec> execs_;
};

}  // namespace resvcheck::scenarios
