#pragma once

#include "scheduler/rng.h"
#include "scheduler/strategy.h"

namespace resvcheck::sched {

class RandomWalk final : public Strategy {
 public:
  RandomWalk(uint64_t seed, uint64_t iterations) : rng_(seed), iterations_(iterations) {}
  bool begin_execution() override;
  ThreadId pick_thread(const SchedulingPoint& point) override;
  uint32_t pick_value(uint32_t n, uint32_t decision) override;
  void end_execution(const Trace&, ExecutionEnd) override {}
  bool exhaustive() const override { return false; }
  const std::optional<std::string>& divergence() const override { return none_; }

 private:
  Rng rng_;
  uint64_t iterations_;
  uint64_t started_ = 0;
  std::optional<std::string> none_;
};

}  // namespace resvcheck::sched
