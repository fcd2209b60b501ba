// libFuzzer target: traces::load_trace on arbitrary bytes, then what `replay` does with a trace it
// read: replay its schedule (at most 500 steps) and list the steps. Besides crashes, leaks and
// hangs, it traps when a trace and problems come back together or neither does, and on an
// internal error of the replay (a fiber stack overflow).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "scenarios/program_builder.h"
#include "scheduler/explorer.h"
#include "traces/trace_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace resvcheck;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const traces::TraceLoad r = traces::load_trace(text);
  fuzz::check_problems(r.problems);
  fuzz::require(r.trace.has_value() != !r.problems.empty(), "exactly one of a trace and problems");
  if (r.trace) {
    fuzz::check_scenario(r.trace->scenario);
    const traces::Trace& t = *r.trace;
    sched::Config config;
    config.max_steps = std::min<uint32_t>(t.options.max_steps, 500);
    config.stack_size = fuzz::kStackSize;
    const sched::ReplayResult run =
        sched::replay(scenarios::build_program(t.scenario, t.version), t.schedule, config);
    (void)traces::steps_json(run);
    if (run.error) std::fprintf(stderr, "fuzz: replay: %s\n", run.error->c_str());
    fuzz::require(!run.error, "the replay has no internal error");
  }
  return 0;
}
