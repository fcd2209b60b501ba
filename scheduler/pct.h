// pct: probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010). Each execution gives
// the threads random distinct priorities and picks d - 1 random change points among the steps;
// the highest-priority runnable thread runs, and at the i-th change point the thread about to run
// drops to priority i (below every initial priority). A bug of depth d is found with probability
// at least 1 / (n * k^(d-1)) per execution. Never exhaustive.
#pragma once

#include <array>
#include <vector>

#include "scheduler/rng.h"
#include "scheduler/strategy.h"

namespace resvcheck::sched {

class Pct final : public Strategy {
 public:
  Pct(uint64_t seed, uint64_t iterations, uint32_t depth)
      : rng_(seed), iterations_(iterations), depth_(depth < 1 ? 1 : depth) {}
  bool begin_execution() override;
  ThreadId pick_thread(const SchedulingPoint& point) override;
  uint32_t pick_value(uint32_t n, uint32_t decision) override;
  void end_execution(const Trace& trace, ExecutionEnd end) override;
  bool exhaustive() const override { return false; }
  const std::optional<std::string>& divergence() const override { return none_; }

 private:
  Rng rng_;
  uint64_t iterations_;
  uint32_t depth_;
  uint64_t started_ = 0;
  uint32_t expected_steps_ = 32;  // k: the most steps seen so far
  std::array<uint32_t, kMaxThreads> priority_{};
  std::vector<uint32_t> change_points_;  // step indices, one per priority drop
  std::optional<std::string> none_;
};

}  // namespace resvcheck::sched
