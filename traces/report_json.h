// The JSON report of a `check` run (cli-and-traces.md, "JSON report", format_version 1).
// Everything but `work` and `timing` is deterministic: the same inputs and flags give the same
// bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/check.h"
#include "scheduler/config.h"

namespace resvcheck::traces {

/// The run-wide part of the report.
struct ReportRun {
  sched::StrategyKind strategy = sched::StrategyKind::dpor;
  std::optional<uint32_t> preemptions;  // the --preemptions flag, if given
  uint64_t seed = 0;
  std::string traces_dir;  // where the findings' traces were written
  uint64_t elapsed_ms = 0;
  uint32_t jobs = 1;  // worker threads used
  /// --shard K/N: (K, N); the report is partial until `resvcheck merge` combines the shards.
  std::optional<std::pair<uint32_t, uint32_t>> shard;
};

/// The report text; `results` must already be in report order (file path, then release order).
std::string report_json(const std::vector<scenarios::CheckResult>& results, const ReportRun& run);

}  // namespace resvcheck::traces
