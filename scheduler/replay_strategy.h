// replay: follows a recorded schedule decision by decision. It says where a schedule stops
// fitting the program (a thread that cannot run, a value out of range, decisions missing or left
// over), and in determinism-check mode compares every runnable set with the recorded one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scheduler/schedule.h"
#include "scheduler/strategy.h"

namespace resvcheck::sched {

class ReplayStrategy final : public Strategy {
 public:
  explicit ReplayStrategy(const Schedule& schedule,
                          const std::vector<ThreadSet>* expected_enabled = nullptr)
      : schedule_(schedule), expected_(expected_enabled) {}

  bool begin_execution() override { return !started_ && (started_ = true); }
  ThreadId pick_thread(const SchedulingPoint& point) override;
  uint32_t pick_value(uint32_t n, uint32_t decision) override;
  void end_execution(const Trace& trace, ExecutionEnd end) override;
  bool exhaustive() const override { return true; }

  const std::optional<std::string>& divergence() const override { return divergence_; }
  uint32_t preemptions() const { return preemptions_; }

 private:
  void diverge(std::string what);

  const Schedule& schedule_;
  const std::vector<ThreadSet>* expected_;
  size_t next_ = 0;
  size_t thread_decisions_ = 0;
  uint32_t preemptions_ = 0;
  bool started_ = false;
  std::optional<std::string> divergence_;
};

std::string describe(ThreadSet threads);

}  // namespace resvcheck::sched
