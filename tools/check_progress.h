// The progress line `check` keeps on stderr while a TTY watches: the (scenario, version) being
// explored, its executions and their rate, the findings so far and the time elapsed. Silent when
// stderr is not a TTY or with --no-progress / --quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "scheduler/config.h"

namespace resvcheck::tools {

class CheckProgress {
 public:
  CheckProgress(bool enabled, size_t total);
  /// A new (scenario, version) starts; hooks `config` so its executions are counted.
  void start(const std::string& label, sched::Config& config);
  /// The current one ended with `findings` finding kinds.
  void finish(uint64_t executions, size_t findings);
  /// Clears the line.
  void done();

 private:
  static void on_executions(uint64_t executions, void* self);
  void draw(uint64_t executions);

  using Clock = std::chrono::steady_clock;
  bool enabled_;
  size_t total_;
  size_t started_ = 0;
  std::string label_;
  uint64_t executions_before_ = 0;  // over the finished ones
  size_t findings_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace resvcheck::tools
