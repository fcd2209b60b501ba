// Happens-before clocks: one counter per thread slot (the number of that thread's events known).
#pragma once

#include <array>
#include <cstdint>

#include "scheduler/ids.h"

namespace resvcheck::sched {

struct VectorClock {
  std::array<uint32_t, kMaxThreads> at{};

  /// Element-wise maximum over the first `width` slots (the others are zero in both).
  void join(const VectorClock& o, size_t width = kMaxThreads) {
    for (size_t i = 0; i < width; ++i) at[i] = at[i] > o.at[i] ? at[i] : o.at[i];
  }
  /// Whether the event that is the seq-th (1-based) of `thread` is covered by this clock.
  bool covers(ThreadId thread, uint32_t seq) const { return at[thread] >= seq; }
};

}  // namespace resvcheck::sched
