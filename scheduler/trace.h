// What one execution leaves behind for the strategies and the witness selection: its decisions
// and its scheduled events with their happens-before clocks.
#pragma once

#include <array>
#include <vector>

#include "scheduler/event.h"
#include "scheduler/ids.h"
#include "scheduler/schedule.h"
#include "scheduler/vector_clock.h"

namespace resvcheck::sched {

struct TraceEvent {
  ThreadId thread = kNoThread;
  Event event;
  uint32_t seq = 0;       // 1-based position among the thread's scheduled events
  uint32_t decision = 0;  // index in the schedule of the decision that scheduled it
  int32_t prev = -1;      // index of the thread's previous event; -1 for its first
  VectorClock clock;      // happens-before clock including the event
};

struct Trace {
  Schedule schedule;               // every decision after setup, forced ones included
  std::vector<ThreadSet> enabled;  // per thread decision, in order: the runnable set
  std::vector<TraceEvent> events;  // one per thread decision, in order
  /// The operations threads were waiting to run when the execution ended: blocked for good
  /// (deadlocked, or waiting on a thread that ended holding the lock), or still runnable when
  /// the step limit cut it. DPOR must try orders in which they run first.
  std::vector<TraceEvent> unfinished;
  /// Each thread's clock when it was spawned (a child knows what its parent knew).
  std::array<VectorClock, kMaxThreads> start{};

  /// The thread's clock just before `e`: what it knew from its own past and its spawn.
  const VectorClock& pre(const TraceEvent& e) const {
    return e.prev >= 0 ? events[static_cast<size_t>(e.prev)].clock : start[e.thread];
  }
  void clear() {
    schedule.clear();
    enabled.clear();
    events.clear();
    unfinished.clear();
  }
};

}  // namespace resvcheck::sched
