// random: each execution picks uniformly among the runnable threads and the values, from a seeded
// generator. Never exhaustive.
#include "scheduler/random_walk.h"

namespace resvcheck::sched {

bool RandomWalk::begin_execution() { return started_++ < iterations_; }

ThreadId RandomWalk::pick_thread(const SchedulingPoint& point) {
  uint32_t k = rng_.below(static_cast<uint32_t>(point.enabled.size()));
  for (ThreadId t = 0; t < kMaxThreads; ++t)
    if (point.enabled.contains(t) && k-- == 0) return t;
  return kNoThread;
}

uint32_t RandomWalk::pick_value(uint32_t n, uint32_t /*decision*/) { return rng_.below(n); }

}  // namespace resvcheck::sched
