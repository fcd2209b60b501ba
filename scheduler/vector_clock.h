// Happens-before clocks: one counter per thread slot (the number of that thread's events known).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "scheduler/ids.h"

namespace resvcheck::sched {

struct VectorClock {
  std::array<uint32_t, kMaxThreads> at{};

  /// Element-wise maximum. Four slots at a time: x86-64's baseline (SSE2) has no unsigned
  /// maximum, so a scalar loop stays scalar, while the compare-and-blend below vectorizes (GCC and
  /// Clang vector extensions).
  void join(const VectorClock& o) {
    using Lanes = uint32_t __attribute__((vector_size(16)));
    static_assert(kMaxThreads * sizeof(uint32_t) % sizeof(Lanes) == 0);
    for (size_t i = 0; i < kMaxThreads; i += sizeof(Lanes) / sizeof(uint32_t)) {
      Lanes mine;
      Lanes theirs;
      std::memcpy(&mine, &at[i], sizeof mine);
      std::memcpy(&theirs, &o.at[i], sizeof theirs);
      const Lanes less = mine < theirs;  // all ones where theirs is larger
      mine = (mine & ~less) | (theirs & less);
      std::memcpy(&at[i], &mine, sizeof mine);
    }
  }
  /// Whether the event that is the seq-th (1-based) of `thread` is covered by this clock.
  bool covers(ThreadId thread, uint32_t seq) const { return at[thread] >= seq; }
};

}  // namespace resvcheck::sched
