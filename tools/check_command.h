// `resvcheck check PATH...`: load the scenario files, explore every (scenario, version), print
// the text report, write the JSON report, and exit with the run's status.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/version.h"
#include "scheduler/config.h"
#include "tools/shard.h"

namespace resvcheck::tools {

struct CheckOptions {
  std::vector<std::string> paths;
  /// Strategy, seed, iterations, pct depth, determinism check. The bounds below and the time
  /// limit are applied per scenario, over the scenario's own `bounds`.
  sched::Config config;
  std::optional<uint32_t> preemptions;
  std::optional<uint64_t> max_executions;
  std::optional<uint32_t> max_steps;
  std::optional<double> time_limit_s;
  std::vector<model::Version> version_filter;  // empty: the scenario's own versions
  std::string report_path;
  std::string traces_dir = "resvcheck-traces";
  std::string junit_path;
  bool ktap = false;
  std::string lock_graph_path;
  std::string baseline_path;
  bool fail_on_new_edges = false;
  std::optional<Shard> shard;
  uint32_t jobs = 0;  // worker threads; 0: the number of cores
  bool progress = true;
};

/// Adds the `check` subcommand to `app`; parsing it fills `options`.
void add_check_command(CLI::App& app, CheckOptions& options);

/// Runs the check; returns the exit status (cli-and-traces.md, "Exit status").
int run_check(const CheckOptions& options);

}  // namespace resvcheck::tools
