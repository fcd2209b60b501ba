#include "scheduler/replay_strategy.h"

namespace resvcheck::sched {

std::string describe(ThreadSet threads) {
  std::string out = "{";
  for (ThreadId t = 0; t < kMaxThreads; ++t) {
    if (!threads.contains(t)) continue;
    if (out.size() > 1) out += ", ";
    out += std::to_string(t);
  }
  return out + "}";
}

void ReplayStrategy::diverge(std::string what) {
  if (!divergence_) divergence_ = std::move(what);
}

ThreadId ReplayStrategy::pick_thread(const SchedulingPoint& point) {
  const std::string where =
      "decision " + std::to_string(point.decision) + " (step " + std::to_string(point.step) + ")";
  if (expected_ != nullptr) {
    if (thread_decisions_ >= expected_->size() ||
        (*expected_)[thread_decisions_] != point.enabled) {
      diverge("nondeterministic model: at " + where + " the runnable threads were " +
              (thread_decisions_ < expected_->size() ? describe((*expected_)[thread_decisions_])
                                                     : std::string("none")) +
              " first and " + describe(point.enabled) + " on re-run");
      return kNoThread;
    }
  }
  ++thread_decisions_;
  if (next_ >= schedule_.size()) {
    diverge("the schedule ends at " + where + " but threads " + describe(point.enabled) +
            " can still run");
    return kNoThread;
  }
  const Decision& d = schedule_[next_++];
  if (d.kind != Decision::Kind::thread) {
    diverge("at " + where + " the schedule has a value where the program schedules a thread");
    return kNoThread;
  }
  const auto t = static_cast<ThreadId>(d.value);
  if (d.value >= kMaxThreads || !point.enabled.contains(t)) {
    diverge("at " + where + " the schedule runs thread " + std::to_string(d.value) + ", but only " +
            describe(point.enabled) + " can run");
    return kNoThread;
  }
  if (point.last_enabled && t != point.last) ++preemptions_;
  return t;
}

uint32_t ReplayStrategy::pick_value(uint32_t n, uint32_t decision) {
  if (next_ >= schedule_.size() || schedule_[next_].kind != Decision::Kind::value ||
      schedule_[next_].value >= n) {
    diverge("at decision " + std::to_string(decision) + " the program chooses among " +
            std::to_string(n) + " values, which the schedule does not");
    return 0;
  }
  return schedule_[next_++].value;
}

void ReplayStrategy::end_execution(const Trace& /*trace*/, ExecutionEnd end) {
  if (end == ExecutionEnd::ended && next_ < schedule_.size())
    diverge("the execution ended with " + std::to_string(schedule_.size() - next_) +
            " decisions of the schedule left over");
}

}  // namespace resvcheck::sched
