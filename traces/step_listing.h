// The step-by-step listing `replay` prints, rendered from a trace's `steps` array, so that a
// replay can be compared with the trace it came from line by line.
#pragma once

#include <string>
#include <string_view>

#include "scheduler/thread_view.h"
#include "traces/trace_file.h"

namespace resvcheck::traces {

/// One line per step: index, thread, the call it is in, the event (access and object), what the
/// step did, and the locks the thread held after it.
std::string step_listing(const OrderedJson& steps);

/// "thread 't1': mutex_lock(b)  holding: a": a thread's calls and held locks, as the report's
/// finding blocks and `replay` show them.
std::string thread_view_text(std::string_view thread, const sched::ThreadView& view);

}  // namespace resvcheck::traces
