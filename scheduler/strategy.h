// A strategy decides, at every choice point of an execution, which thread runs or which value is
// chosen. dfs, dpor, random, pct and replay are interchangeable behind this interface.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "scheduler/config.h"
#include "scheduler/event.h"
#include "scheduler/ids.h"
#include "scheduler/trace.h"

namespace resvcheck::sched {

struct SchedulingPoint {
  ThreadSet enabled;
  ThreadId last = kNoThread;  // the thread of the previous step
  bool last_enabled = false;  // a switch away from `last` now is a preemption
  const std::array<Event, kMaxThreads>* pending = nullptr;  // pending event per live thread
  uint32_t decision = 0;  // index of this decision in the schedule
  uint32_t step = 0;      // index of the visible operation about to be scheduled
};

enum class ExecutionEnd : uint8_t {
  ended,       // no thread can run: all finished, stopped or blocked
  step_limit,  // cut at Config::max_steps
  abandoned,   // the strategy gave up (redundant execution, replay divergence)
  overflow,    // a fiber overflowed its stack
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  /// Prepares the next execution; false when there is nothing left to explore.
  virtual bool begin_execution() = 0;
  /// The thread to run, one of point.enabled; kNoThread abandons the execution.
  virtual ThreadId pick_thread(const SchedulingPoint& point) = 0;
  /// A value in [0, n).
  virtual uint32_t pick_value(uint32_t n, uint32_t decision) = 0;
  virtual void end_execution(const Trace& trace, ExecutionEnd end) = 0;
  /// Whether a finished exploration covered everything within its bounds.
  virtual bool exhaustive() const = 0;
  /// Set when re-running a recorded prefix did not reproduce it (a nondeterministic model).
  virtual const std::optional<std::string>& divergence() const = 0;
};

std::unique_ptr<Strategy> make_strategy(const Config& config);

}  // namespace resvcheck::sched
