// A replayed run as Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open:
// one track per thread with a slice per call and per step, the locks each thread held as async
// slices, and the finding as an instant event. One step is drawn as one millisecond.
#pragma once

#include <string>

#include "traces/trace_file.h"

namespace resvcheck::traces {

/// `steps` as steps_json() lists them; the finding is marked at `trace.step`.
std::string perfetto_json(const Trace& trace, const OrderedJson& steps);

}  // namespace resvcheck::traces
