#include "tools/check_run.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "scheduler/worker_budget.h"
#include "tools/interrupt.h"
#include "traces/atomic_file.h"
#include "traces/trace_file.h"

namespace resvcheck::tools {
namespace {

/// The exploration limits for one scenario: flags over the scenario's bounds over the defaults.
sched::Config config_for(const CheckOptions& o, const scenarios::Bounds& b,
                         std::optional<std::chrono::steady_clock::time_point> deadline) {
  sched::Config c = o.config;
  c.deadline = deadline;
  c.preemption_bound = o.preemptions ? o.preemptions : b.preemptions;
  c.max_executions = o.max_executions.value_or(b.max_executions.value_or(c.max_executions));
  c.max_steps = o.max_steps.value_or(b.max_steps.value_or(c.max_steps));
  c.cancel = &InterruptGuard::flag();
  return c;
}

/// The scenario file's JSON, as a trace embeds it (the file was loaded already: it parses).
scenarios::Json source_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return scenarios::Json::parse(text.str());
}

/// Writes one trace per finding kind of `r` into `dir`. A witness whose replay did not show its
/// finding again makes the result an error (a nondeterministic model). Returns what went wrong
/// writing, if anything.
std::optional<std::string> write_traces(scenarios::CheckResult& r, const scenarios::Json& source,
                                        const std::string& dir, const sched::Config& config) {
  const traces::TraceOptions options{.strategy = config.strategy,
                                     .preemptions = config.preemption_bound,
                                     .max_steps = config.max_steps};
  for (size_t i = 0; i < r.exploration.findings.size(); ++i) {
    const sched::FindingKind kind = r.exploration.findings[i].kind;
    if (!r.witnesses[i].step) {
      r.status = scenarios::Status::error;
      r.exploration.error = "nondeterministic model: the witness of " +
                            std::string(sched::finding_kind_name(kind)) +
                            " did not show it again when replayed";
      continue;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create " + dir + ": " + ec.message();
    const std::string path = traces::trace_path(dir, r.scenario, r.version, kind);
    if (auto error = traces::write_file_atomically(path, traces::trace_text(r, i, source, options)))
      return error;
  }
  return std::nullopt;
}

/// A pair an interrupt kept from running: incomplete, nothing explored.
scenarios::CheckResult not_run(const Pair& p) {
  scenarios::CheckResult r{.scenario = p.file->scenario.name,
                           .file = p.file->path,
                           .version = p.check->version,
                           .expected = p.check->expected,
                           .found = {},
                           .status = scenarios::Status::incomplete,
                           .exploration = {},
                           .witnesses = {},
                           .edge_takers = {}};
  r.exploration.stopped_by = "interrupted";
  return r;
}

}  // namespace

CheckRun run_pairs(const std::vector<Pair>& pairs, const CheckOptions& o,
                   std::optional<std::chrono::steady_clock::time_point> deadline, uint32_t jobs,
                   CheckProgress& progress) {
  std::vector<std::optional<scenarios::CheckResult>> slots(pairs.size());
  std::vector<std::optional<std::string>> errors(pairs.size());
  std::atomic<size_t> next{0};
  // A worker that finds no pair left lends itself to the explorations still running.
  sched::WorkerBudget idle(0);
  const auto work = [&](size_t worker) {
    for (size_t i = next++; i < pairs.size(); i = next++) {
      const Pair& p = pairs[i];
      if (InterruptGuard::flag().load()) {
        slots[i] = not_run(p);
        continue;
      }
      const ScenarioFile& f = *p.file;
      sched::Config config = config_for(o, f.scenario.bounds, deadline);
      if (jobs > 1) config.helpers = &idle;
      progress.start(worker,
                     f.scenario.name + " " + std::string(model::version_name(p.check->version)),
                     config);
      scenarios::CheckResult r = scenarios::check(f.scenario, f.path, *p.check, config);
      progress.finish(worker, r.exploration.stats.executions, r.exploration.findings.size());
      errors[i] = write_traces(r, source_of(f.path), o.traces_dir, config);
      slots[i] = std::move(r);
    }
    idle.give();
  };
  std::vector<std::thread> workers;
  for (uint32_t w = 1; w < jobs; ++w) workers.emplace_back(work, w);
  work(0);
  for (std::thread& t : workers) t.join();

  CheckRun run;
  for (size_t i = 0; i < pairs.size(); ++i) {
    run.results.push_back(std::move(*slots[i]));
    if (errors[i] && !run.error) run.error = errors[i];
  }
  return run;
}

}  // namespace resvcheck::tools
