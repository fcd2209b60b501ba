// The acquire contexts of one thread, gathered while its ops load (scenario-format.md: context
// names are per thread). Once the thread is loaded, every context it uses must be initialised
// somewhere in it, and the resvs its wound-wait contexts lock take the wound-wait class.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

class ThreadContexts {
 public:
  /// The index of context `name`, which the op at `at` names (ThreadSpec::contexts order).
  uint32_t use(const std::string& name, const Pointer& at);
  /// ww_acquire_init of context `ctx` with class `cls`.
  void init(uint32_t ctx, CtxClass cls);
  /// Context `ctx` locks resv `resv` (dma_resv_lock, _interruptible or _slow).
  void lock(uint32_t ctx, uint32_t resv);

  /// Reports, at its first use, each context the thread never initialises.
  void check_initialised(JsonReader& r, std::string_view thread) const;
  /// Gives the wound-wait class to every resv a context of this thread locks that some
  /// ww_acquire_init of the thread makes wound-wait.
  void mark_wound_wait(std::vector<ResvSpec>& resvs) const;
  /// The context names, in first-use order.
  std::vector<std::string> names() const;

 private:
  struct Context {
    std::string name;
    Pointer first_use;
    bool initialised = false;
    bool wound_wait = false;
  };
  std::vector<Context> contexts_;
  std::vector<std::pair<uint32_t, uint32_t>> locks_;  // (context, resv)
};

}  // namespace resvcheck::scenarios
