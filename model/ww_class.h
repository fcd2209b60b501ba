// A ww_class (DEFINE_WD_CLASS / DEFINE_WW_CLASS): its lock classes, its algorithm, and the stamp
// counter ww_acquire_init draws from (include/linux/ww_mutex.h).
#pragma once

#include <cstdint>
#include <string_view>

#include "scheduler/ids.h"

namespace resvcheck::model {

struct WwClass {
  /// Only while an execution runs: the stamp counter is a shared object.
  WwClass(std::string_view mutex_class, std::string_view acquire_class, bool wait_die);

  std::string_view mutex_class;    // lockdep class of its mutexes
  std::string_view acquire_class;  // lockdep class of its acquire contexts
  bool wait_die;                   // wait-die (reservation class) or wound-wait
  // The class's shared object: its atomic stamp counter (so which context is older is decided
  // by the interleaving) and, for wound-wait, every operation on its mutexes (see ww_mutex.h).
  sched::ObjectId object;
  uint64_t next_stamp = 1;
};

}  // namespace resvcheck::model
