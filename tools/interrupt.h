// SIGINT and SIGTERM during `check`: the handler only raises a flag the exploration polls, so
// the run stops between executions, writes its report and traces so far (marked incomplete)
// and exits 130 or 143.
#pragma once

#include <atomic>

namespace resvcheck::tools {

class InterruptGuard {
 public:
  /// Installs the handlers; the previous ones come back when the guard goes.
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// Set once a signal arrived.
  static const std::atomic<bool>& flag();
  /// 128 + the signal that arrived, or 0.
  static int exit_status();
};

}  // namespace resvcheck::tools
