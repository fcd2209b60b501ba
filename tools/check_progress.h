// The progress line `check` keeps on stderr while a TTY watches: the (scenario, version) started
// last, how many have started, the executions so far over every worker and their rate, the
// findings of the finished ones and the time elapsed. Silent when stderr is not a TTY or with
// --no-progress / --quiet. Safe to call from every worker thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scheduler/config.h"

namespace resvcheck::tools {

class CheckProgress {
 public:
  CheckProgress(bool enabled, size_t total, size_t workers);
  /// Worker `worker` starts a (scenario, version); hooks `config` so its executions count.
  void start(size_t worker, const std::string& label, sched::Config& config);
  /// Worker `worker`'s (scenario, version) ended with `findings` finding kinds.
  void finish(size_t worker, uint64_t executions, size_t findings);
  /// Clears the line.
  void done();

 private:
  struct Slot {
    CheckProgress* owner = nullptr;
    std::atomic<uint64_t> executions{0};  // of the exploration it runs now
  };
  static void on_executions(uint64_t executions, void* slot);
  void draw_if_due();

  using Clock = std::chrono::steady_clock;
  const bool enabled_;
  const size_t total_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::mutex mutex_;  // guards what follows
  size_t started_ = 0;
  std::string label_;
  uint64_t executions_done_ = 0;  // over the finished ones
  size_t findings_ = 0;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace resvcheck::tools
