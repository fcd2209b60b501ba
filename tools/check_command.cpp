#include "tools/check_command.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>

#include "scenarios/check.h"
#include "tools/scenario_files.h"
#include "traces/atomic_file.h"
#include "traces/report_json.h"
#include "traces/report_text.h"
#include "traces/strategy_names.h"

namespace resvcheck::tools {
namespace {

using Clock = std::chrono::steady_clock;

/// The exploration limits for one scenario: flags over the scenario's bounds over the defaults.
sched::Config config_for(const CheckOptions& o, const scenarios::Bounds& b,
                         std::optional<Clock::time_point> deadline) {
  sched::Config c = o.config;
  c.deadline = deadline;
  c.preemption_bound = o.preemptions ? o.preemptions : b.preemptions;
  c.max_executions = o.max_executions.value_or(b.max_executions.value_or(c.max_executions));
  c.max_steps = o.max_steps.value_or(b.max_steps.value_or(c.max_steps));
  return c;
}

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

}  // namespace

void add_check_command(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand("check", "Check scenario files against their expectations");
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
  cmd->add_option_function<uint32_t>(
         "--jobs", [](const uint32_t&) {},
         "Worker threads; accepted, but this build checks one (scenario, version) at a time")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
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
  std::optional<Clock::time_point> deadline;
  if (o.time_limit_s)
    deadline = start + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(*o.time_limit_s));

  const bool progress = o.progress && isatty(STDERR_FILENO);
  std::vector<scenarios::CheckResult> results;
  for (const ScenarioFile& f : *files) {
    for (const scenarios::VersionCheck& v : f.scenario.checks) {
      if (!selected(o, v.version)) continue;
      if (progress)
        std::cerr << "\r\033[Kchecking " << f.scenario.name << " " << model::version_name(v.version)
                  << std::flush;
      results.push_back(
          scenarios::check(f.scenario, f.path, v, config_for(o, f.scenario.bounds, deadline)));
    }
  }
  if (progress) std::cerr << "\r\033[K" << std::flush;

  traces::write_text_report(std::cout, results);
  if (!o.report_path.empty()) {
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    const traces::ReportRun info{.strategy = o.config.strategy,
                                 .preemptions = o.preemptions,
                                 .seed = o.config.seed,
                                 .elapsed_ms = static_cast<uint64_t>(elapsed.count()),
                                 .jobs = 1};
    if (auto error = traces::write_file_atomically(o.report_path, report_json(results, info))) {
      std::cerr << "resvcheck check: " << *error << "\n";
      return 2;
    }
  }
  return exit_status(results);
}

}  // namespace resvcheck::tools
