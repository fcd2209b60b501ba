#include "tools/replay_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fstream>
#include <iostream>
#include <sstream>

#include "scenarios/program_builder.h"
#include "traces/atomic_file.h"
#include "traces/perfetto.h"
#include "traces/step_listing.h"
#include "traces/trace_file.h"

namespace resvcheck::tools {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The first step at which the replayed steps differ from the trace's, if any.
std::optional<std::string> first_difference(const traces::OrderedJson& recorded,
                                            const traces::OrderedJson& replayed) {
  const size_t n = std::min(recorded.size(), replayed.size());
  for (size_t i = 0; i < n; ++i)
    if (recorded[i] != replayed[i])
      return fmt::format("at step {}: the trace has\n    {}\n  the replay did\n    {}", i,
                         recorded[i].dump(), replayed[i].dump());
  if (recorded.size() != replayed.size())
    return fmt::format("the trace has {} steps, the replay {}", recorded.size(), replayed.size());
  return std::nullopt;
}

/// Whether the trace's finding recurred at its step; prints what each thread showed.
bool recurred(const traces::Trace& t, const sched::ReplayResult& run) {
  if (t.kind == sched::FindingKind::lock_order) {
    for (const sched::StepObservation& o : run.observations)
      if (o.key == t.edge && o.step == t.step) {
        fmt::print("lock_order recurred at step {}: the edge is taken by\n  {}\n", o.step,
                   traces::thread_view_text(run.thread_names[o.thread], o.view));
        return true;
      }
    return false;
  }
  for (size_t i = 0; i < run.findings.size(); ++i) {
    const sched::Finding& f = run.findings[i];
    if (f.kind != t.kind || f.step != t.step) continue;
    fmt::print("{} recurred at step {}: {}\n", sched::finding_kind_name(f.kind), f.step, f.message);
    if (i < run.views.size())
      for (const auto& [thread, view] : run.views[i].threads)
        fmt::print("  {}\n", traces::thread_view_text(run.thread_names[thread], view));
    return true;
  }
  return false;
}

}  // namespace

CLI::App* add_replay_command(CLI::App& app, ReplayOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Re-run a trace step by step and check that its finding recurs at the same step (exit 0; "
      "1 if the run diverged or the finding did not recur; 2 bad trace)");
  cmd->add_option("TRACE", o.trace_path, "A trace file written by check --traces")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option_function<uint32_t>(
         "--to-step", [&o](const uint32_t& n) { o.to_step = n; },
         "List the steps up to this one only (the finding is still checked)")
      ->type_name("N");
  cmd->add_option("--perfetto", o.perfetto_path,
                  "Also write the run as Chrome trace-event JSON (open it in ui.perfetto.dev)")
      ->type_name("FILE");
  return cmd;
}

int run_replay(const ReplayOptions& o) {
  const auto text = read_file(o.trace_path);
  if (!text) {
    std::cerr << o.trace_path << ": cannot read the file\n";
    return 2;
  }
  traces::TraceLoad loaded = traces::load_trace(*text);
  if (!loaded.trace) {
    for (const scenarios::Problem& p : loaded.problems)
      std::cerr << o.trace_path << ": " << (p.where.empty() ? "" : p.where + ": ") << p.message
                << "\n";
    return 2;
  }
  const traces::Trace& t = *loaded.trace;
  sched::Config config;
  config.max_steps = t.options.max_steps;
  const sched::ReplayResult run =
      sched::replay(scenarios::build_program(t.scenario, t.version), t.schedule, config);
  const traces::OrderedJson replayed = traces::steps_json(run);

  fmt::print("replaying {}: {} {}, {} at step {}\n", o.trace_path, t.scenario.name,
             model::version_name(t.version), sched::finding_kind_name(t.kind), t.step);
  fmt::print("{}", traces::step_listing(o.to_step ? traces::steps_json(run, o.to_step) : replayed));
  if (!o.perfetto_path.empty())
    if (auto error =
            traces::write_file_atomically(o.perfetto_path, traces::perfetto_json(t, replayed))) {
      std::cerr << "resvcheck replay: " << *error << "\n";
      return 2;
    }
  if (run.error) {
    fmt::print(std::cerr, "resvcheck replay: internal error: {}\n", *run.error);
    return 4;
  }
  if (run.divergence) {
    fmt::print("the run diverged from the trace's schedule: {}\n", *run.divergence);
    return 1;
  }
  if (auto diff = first_difference(t.steps, replayed)) {
    fmt::print("the run diverged from the trace {}\n", *diff);
    return 1;
  }
  if (!recurred(t, run)) {
    fmt::print("the finding did not recur: no {} at step {}\n", sched::finding_kind_name(t.kind),
               t.step);
    return 1;
  }
  return 0;
}

}  // namespace resvcheck::tools
