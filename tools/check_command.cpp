#include "tools/check_command.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <thread>

#include "scenarios/check.h"
#include "tools/check_progress.h"
#include "tools/check_run.h"
#include "tools/interrupt.h"
#include "tools/scenario_files.h"
#include "traces/atomic_file.h"
#include "traces/junit.h"
#include "traces/ktap.h"
#include "traces/lock_graph_diff.h"
#include "traces/lock_graph_file.h"
#include "traces/report_json.h"
#include "traces/report_text.h"
#include "traces/strategy_names.h"
#include "traces/trace_file.h"

namespace resvcheck::tools {
namespace {

using Clock = std::chrono::steady_clock;

bool selected(const CheckOptions& o, model::Version v) {
  const auto& f = o.version_filter;
  return f.empty() || std::find(f.begin(), f.end(), v) != f.end();
}

/// Precedence (input errors, 2, are handled before): error 4 > fail 1 > incomplete 3 > pass 0.
int exit_status(const std::vector<scenarios::CheckResult>& results) {
  const auto any = [&](scenarios::Status s) {
    return std::any_of(results.begin(), results.end(),
                       [s](const scenarios::CheckResult& r) { return r.status == s; });
  };
  if (any(scenarios::Status::error)) return 4;
  if (any(scenarios::Status::fail)) return 1;
  if (any(scenarios::Status::incomplete)) return 3;
  return 0;
}

/// The names of a closed list, as CLI::IsMember takes them.
template <size_t N>
std::vector<std::string> names(const std::array<std::string_view, N>& list) {
  return {list.begin(), list.end()};
}

/// The pairs this process checks, in report order: file path, then release order.
std::vector<Pair> pairs_of(const std::vector<ScenarioFile>& files, const CheckOptions& o) {
  std::vector<Pair> pairs;
  size_t position = 0;
  for (const ScenarioFile& f : files)
    for (const scenarios::VersionCheck& v : f.scenario.checks) {
      if (!selected(o, v.version)) continue;
      if (!o.shard || o.shard->owns(position)) pairs.push_back({&f, &v});
      ++position;
    }
  return pairs;
}

/// The --junit and --lock-graph files.
std::optional<std::string> write_outputs(const CheckOptions& o,
                                         const std::vector<scenarios::CheckResult>& results) {
  if (!o.junit_path.empty())
    if (auto error = traces::write_file_atomically(o.junit_path, traces::junit_xml(results)))
      return error;
  if (!o.lock_graph_path.empty())
    return traces::write_lock_graph_file(o.lock_graph_path, traces::build_lock_graph_file(results));
  return std::nullopt;
}

}  // namespace

void add_check_command(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand("check", "Check scenario files against their expectations");
  cmd->footer(
      "Exit status: 0 every (scenario, version) met its expectation and no lock-order "
      "regression; 1 some did not, or the baseline gate failed; 2 bad input or usage (nothing "
      "is checked); 3 nothing failed but some result is incomplete; 4 an internal error; "
      "130/143 interrupted by SIGINT/SIGTERM (the report and traces so far are written).");
  cmd->add_option("PATH", o.paths, "Scenario files; a folder means every *.json below it")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option_function<std::string>(
         "--strategy",
         [&o](const std::string& name) { o.config.strategy = *traces::parse_strategy(name); },
         "dpor (complete within the bounds), dfs (plain DFS), random (seeded random walk) or pct "
         "(default: dpor)")
      ->check(CLI::IsMember(names(traces::kStrategyNames)));
  cmd->add_option_function<uint32_t>(
         "--preemptions", [&o](const uint32_t& n) { o.preemptions = n; },
         "Preemption bound (default: the scenario's bounds.preemptions, else none)")
      ->type_name("N")
      ->check(CLI::Range(0, 64));
  cmd->add_option_function<uint64_t>(
         "--max-executions", [&o](const uint64_t& n) { o.max_executions = n; },
         "Executions per exploration before it stops incomplete (default: the scenario's, else "
         "1000000)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<uint32_t>(
         "--max-steps", [&o](const uint32_t& n) { o.max_steps = n; },
         "Visible operations in one execution before it is cut with step_limit (default: the "
         "scenario's, else 10000)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<double>(
         "--time-limit", [&o](const double& s) { o.time_limit_s = s; },
         "Seconds for the whole run; results it cuts are incomplete (default: none)")
      ->type_name("S")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", o.config.seed, "Seed for random and pct")
      ->type_name("N")
      ->capture_default_str();
  cmd->add_option("--iterations", o.config.iterations, "Executions for random and pct")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--pct-depth", o.config.pct_depth, "PCT bug depth")
      ->type_name("D")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::vector<std::string>>(
         "--version-filter",
         [&o](const std::vector<std::string>& list) {
           for (const std::string& name : list)
             o.version_filter.push_back(*model::parse_version(name));
         },
         "Check only these helper versions, intersected with each scenario's")
      ->type_name("V[,V]")
      ->delimiter(',')
      ->check(CLI::IsMember(names(model::kVersionNames)));
  cmd->add_option("--report", o.report_path, "Write the JSON report to this file")
      ->type_name("FILE");
  cmd->add_option("--traces", o.traces_dir,
                  "Write one trace per finding kind per (scenario, version) into this folder, "
                  "for `resvcheck replay`")
      ->type_name("DIR")
      ->capture_default_str();
  cmd->add_option("--junit", o.junit_path,
                  "Write JUnit XML: one testcase per (scenario, version); incomplete is skipped, "
                  "error is an error")
      ->type_name("FILE");
  cmd->add_flag("--ktap", o.ktap, "Print KTAP version 1 on stdout in place of the text report");
  cmd->add_option("--lock-graph", o.lock_graph_path,
                  "Write the run's union lock-order graph (JSON; a .dot name writes Graphviz)")
      ->type_name("FILE");
  cmd->add_option("--baseline", o.baseline_path,
                  "Compare the run's lock-order graph with this committed graph: a new cycle "
                  "fails the run (exit 1)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--fail-on-new-edges", o.fail_on_new_edges,
                "With --baseline: any new lock-order edge fails the run, not only a new cycle");
  cmd->add_option("--jobs", o.jobs,
                  "Worker threads checking (scenario, version) pairs side by side; an unbounded "
                  "exploration that starts while one is idle is split into subtrees across them "
                  "(default: the number of cores); complete results never depend on it")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::string>(
         "--shard",
         [&o](const std::string& text) {
           std::string error;
           o.shard = parse_shard(text, error);
           if (!o.shard) throw CLI::ValidationError(error);
         },
         "Check only shard K of N of the (scenario, version) pairs; auto reads CI_NODE_INDEX/"
         "CI_NODE_TOTAL or SLURM_ARRAY_TASK_ID/_COUNT, auto/N also JOB_COMPLETION_INDEX; "
         "`resvcheck merge` combines the shards' reports")
      ->type_name("K/N|auto");
  cmd->add_flag_callback(
      "--no-progress", [&o] { o.progress = false; }, "No progress line on stderr");
  cmd->add_flag_callback(
      "--quiet", [&o] { o.progress = false; }, "Same as --no-progress");
  cmd->add_flag("--check-determinism", o.config.check_determinism,
                "Re-run every execution from its schedule and compare; a mismatch is an error");
}

int run_check(const CheckOptions& o) {
  const Clock::time_point start = Clock::now();
  const auto files = load_files(expand_paths(o.paths), std::cerr);
  if (!files) return 2;
  if (files->empty()) {
    std::cerr << "resvcheck check: no scenario files in the paths given\n";
    return 2;
  }
  std::optional<traces::LockGraphFile> baseline;
  if (!o.baseline_path.empty()) {
    traces::LockGraphRead read = traces::read_lock_graph_file(o.baseline_path);
    if (!read.graph) {
      std::cerr << traces::problems_text(o.baseline_path, read.problems);
      return 2;
    }
    baseline = std::move(read.graph);
  }
  std::optional<Clock::time_point> deadline;
  if (o.time_limit_s)
    deadline = start + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(*o.time_limit_s));

  const std::vector<Pair> pairs = pairs_of(*files, o);
  const uint32_t jobs = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  const InterruptGuard interrupts;
  CheckProgress progress(o.progress && isatty(STDERR_FILENO), pairs.size(), jobs);
  CheckRun run = run_pairs(pairs, o, deadline, jobs, progress);
  progress.done();
  if (run.error) {
    std::cerr << "resvcheck check: " << *run.error << "\n";
    return 2;
  }
  const std::vector<scenarios::CheckResult>& results = run.results;

  if (o.ktap)
    traces::write_ktap(std::cout, results);
  else
    traces::write_text_report(std::cout, results, o.traces_dir);
  if (auto error = write_outputs(o, results)) {
    std::cerr << "resvcheck check: " << *error << "\n";
    return 2;
  }
  bool regressed = false;
  if (baseline) {
    const traces::BaselineGate gate = traces::baseline_gate(traces::build_lock_graph_file(results),
                                                            *baseline, o.fail_on_new_edges);
    // With --ktap stdout stays KTAP: the comparison goes to stderr.
    traces::write_lock_graph_diff(o.ktap ? std::cerr : std::cout, gate.diff, o.fail_on_new_edges);
    regressed = gate.failed;
  }
  if (!o.report_path.empty()) {
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const traces::ReportRun info{.strategy = o.config.strategy,
                                 .preemptions = o.preemptions,
                                 .seed = o.config.seed,
                                 .traces_dir = o.traces_dir,
                                 .elapsed_ms = static_cast<uint64_t>(elapsed.count()),
                                 .jobs = jobs,
                                 .shard = o.shard ? std::optional<std::pair<uint32_t, uint32_t>>(
                                                        {o.shard->index, o.shard->count})
                                                  : std::nullopt};
    if (auto error = traces::write_file_atomically(o.report_path, report_json(results, info))) {
      std::cerr << "resvcheck check: " << *error << "\n";
      return 2;
    }
  }
  if (const int interrupted = InterruptGuard::exit_status()) return interrupted;
  const int status = exit_status(results);
  // A lock-order regression is a failure: it outranks incomplete and pass, not an error.
  return regressed && status != 4 ? 1 : status;
}

}  // namespace resvcheck::tools
