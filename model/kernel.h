// The modeled kernel of one execution: the helper version it runs, the faults the scenario
// injects, lockdep, and the two ww classes. Every primitive holds a pointer to its Kernel.
#pragma once

#include "model/lockdep.h"
#include "model/version.h"
#include "model/ww_class.h"

namespace resvcheck::model {

struct PanfrostDevice;

/// Faults a scenario asks to explore (scenario key "inject").
struct Injection {
  bool enomem = false;   // each page, sgt or vmap allocation may fail
  bool eintr = false;    // an interruptible lock that would block may return -EINTR instead
  bool edeadlk = false;  // DEBUG_WW_MUTEX_SLOWPATH: a ctx lock beyond the first may back off
};

struct Kernel {
  /// Only while an execution runs (creates engine objects).
  Kernel(Version v, Injection inject);

  Version version;
  Injection inject;
  Lockdep lockdep;
  WwClass reservation_class;           // reservation_ww_class: wait-die
  WwClass ww_class;                    // a wound-wait class, as test-ww_mutex uses
  PanfrostDevice* panfrost = nullptr;  // the panfrost device, when the scenario uses one
};

}  // namespace resvcheck::model
