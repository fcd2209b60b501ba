// Trace files (cli-and-traces.md, "Trace files", format_version 1): one finding's witness as
// self-contained JSON — the scenario it came from (with its hash), the version, the options, the
// whole schedule, the finding and, for people, the steps. Written by `check --traces`, read by
// `replay`.
#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/check.h"
#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"
#include "scheduler/config.h"
#include "scheduler/schedule.h"

namespace resvcheck::traces {

using OrderedJson = nlohmann::ordered_json;

inline constexpr int kTraceFormatVersion = 1;

/// Where `check` writes the trace of `kind` for a (scenario, version):
/// DIR/SCENARIO.VERSION.KIND.json.
std::string trace_path(std::string_view dir, std::string_view scenario, model::Version version,
                       sched::FindingKind kind);

/// The hash a trace keeps of its scenario: SHA-256 of the compact, key-sorted serialization.
std::string scenario_hash(const scenarios::Json& source);

/// The limits a replay must use to reproduce the witness.
struct TraceOptions {
  sched::StrategyKind strategy = sched::StrategyKind::dpor;
  std::optional<uint32_t> preemptions;
  uint32_t max_steps = 10'000;
};

/// The steps of a replayed run as the trace lists them, up to and including step `last` if given.
OrderedJson steps_json(const sched::ReplayResult& run, std::optional<uint32_t> last = {});

/// The trace of finding `i` of `r` (whose witness replay must have recurred), from the scenario
/// file's JSON `source`.
std::string trace_text(const scenarios::CheckResult& r, size_t i, const scenarios::Json& source,
                       const TraceOptions& options);

/// A trace read back.
struct Trace {
  scenarios::Scenario scenario;
  model::Version version = model::Version::v6_4;
  TraceOptions options;
  sched::Schedule schedule;  // its tags point into `tags`
  std::deque<std::string> tags;
  sched::FindingKind kind = sched::FindingKind::warn;
  std::string message;
  uint32_t step = 0;
  std::string edge;  // lock_order: the observation key of the witnessed edge
  OrderedJson steps;
};

struct TraceLoad {
  std::optional<Trace> trace;
  std::vector<scenarios::Problem> problems;  // every problem found, by JSON pointer
};

/// Reads a trace: refuses another format or format_version, a scenario whose hash no longer
/// matches, an invalid scenario, and malformed fields.
TraceLoad load_trace(std::string_view text);

}  // namespace resvcheck::traces
