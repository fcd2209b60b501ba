// libFuzzer target: a whole `check` of a fuzzed scenario under tight budgets — load it, explore
// every version it lists (at most 200 executions of at most 500 steps, the scenario's bounds
// capped), then write the trace of each finding as `check --traces` does and read it back as
// `replay` does. Traps on an internal error (a fiber stack overflow, a nondeterministic model)
// and on a trace `check` wrote that `replay` refuses.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "scenarios/check.h"
#include "scenarios/json_reader.h"
#include "scenarios/scenario_loader.h"
#include "traces/trace_file.h"

namespace {

constexpr uint64_t kMaxExecutions = 200;
constexpr uint32_t kMaxSteps = 500;
constexpr uint32_t kMaxPreemptions = 3;
/// A safety net well under libFuzzer's -timeout=10: a run cut by it is incomplete, not a hang.
constexpr std::chrono::seconds kDeadline{3};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace resvcheck;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const scenarios::LoadResult loaded = scenarios::load_scenario(text);
  fuzz::check_problems(loaded.problems);
  if (!loaded.scenario) return 0;
  const scenarios::Scenario& s = *loaded.scenario;
  fuzz::check_scenario(s);
  const scenarios::Json source = scenarios::Json::parse(text);

  sched::Config config;
  config.preemption_bound =
      std::min(s.bounds.preemptions.value_or(kMaxPreemptions), kMaxPreemptions);
  config.max_executions =
      std::min(s.bounds.max_executions.value_or(kMaxExecutions), kMaxExecutions);
  config.max_steps = std::min(s.bounds.max_steps.value_or(kMaxSteps), kMaxSteps);
  config.deadline = std::chrono::steady_clock::now() + kDeadline;
  config.stack_size = fuzz::kStackSize;

  for (const scenarios::VersionCheck& v : s.checks) {
    scenarios::CheckResult r = scenarios::check(s, "fuzz.json", v, config);
    if (r.status == scenarios::Status::error) {
      std::fprintf(stderr, "fuzz: internal error: %s\n",
                   r.exploration.error ? r.exploration.error->c_str() : "(no message)");
      fuzz::require(false, "check found no internal error");
    }
    fuzz::require(r.witnesses.size() == r.exploration.findings.size(),
                  "one witness per finding kind");
    const traces::TraceOptions options{.strategy = config.strategy,
                                       .preemptions = config.preemption_bound,
                                       .max_steps = config.max_steps};
    for (size_t i = 0; i < r.exploration.findings.size(); ++i) {
      fuzz::require(r.witnesses[i].step.has_value(), "every witness recurs when replayed");
      const std::string trace = traces::trace_text(r, i, source, options);
      const traces::TraceLoad back = traces::load_trace(trace);
      for (const scenarios::Problem& p : back.problems)
        std::fprintf(stderr, "fuzz: trace: %s: %s\n", p.where.c_str(), p.message.c_str());
      fuzz::require(back.trace.has_value(), "replay reads the traces check writes");
      fuzz::require(back.trace->kind == r.exploration.findings[i].kind, "the trace's kind");
    }
  }
  return 0;
}
