#include "scheduler/pct.h"

#include <algorithm>
#include <numeric>

namespace resvcheck::sched {

bool Pct::begin_execution() {
  if (started_++ >= iterations_) return false;
  // Initial priorities depth_ .. depth_ + kMaxThreads - 1 in a random order (Fisher-Yates).
  std::array<uint32_t, kMaxThreads> order{};
  std::iota(order.begin(), order.end(), depth_);
  for (uint32_t i = kMaxThreads - 1; i > 0; --i) std::swap(order[i], order[rng_.below(i + 1)]);
  priority_ = order;
  change_points_.clear();
  for (uint32_t i = 1; i < depth_; ++i) change_points_.push_back(rng_.below(expected_steps_));
  return true;
}

ThreadId Pct::pick_thread(const SchedulingPoint& point) {
  auto highest = [&] {
    ThreadId best = kNoThread;
    for (ThreadId t = 0; t < kMaxThreads; ++t)
      if (point.enabled.contains(t) && (best == kNoThread || priority_[t] > priority_[best]))
        best = t;
    return best;
  };
  for (uint32_t i = 0; i < change_points_.size(); ++i)
    if (change_points_[i] == point.step) priority_[highest()] = depth_ - 1 - i;
  return highest();
}

uint32_t Pct::pick_value(uint32_t n, uint32_t /*decision*/) { return rng_.below(n); }

void Pct::end_execution(const Trace& trace, ExecutionEnd /*end*/) {
  expected_steps_ = std::max<uint32_t>(expected_steps_, static_cast<uint32_t>(trace.events.size()));
}

}  // namespace resvcheck::sched
