#include "traces/report_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <string>

#include "model/lockdep.h"
#include "traces/step_listing.h"
#include "traces/trace_file.h"
#include "traces/verdict_text.h"

namespace resvcheck::traces {
namespace {

using scenarios::CheckResult;
using scenarios::Status;

std::string thread_line(std::string_view thread, const sched::ThreadView& v) {
  return "    " + thread_view_text(thread, v) + "\n";
}

/// The threads as the witness left them when the finding was raised, the way lockdep lists the
/// tasks of a splat: the finding's own threads (every thread for one raised at the end).
void write_threads(std::ostream& out, const sched::KindSummary& k,
                   const scenarios::WitnessReplay& w) {
  const sched::ReplayResult& run = w.run;
  if (k.kind == sched::FindingKind::lock_order) {
    if (!w.observed) return;
    const sched::StepObservation& o = run.observations[*w.observed];
    const auto edge = model::parse_lock_edge_key(o.key);
    if (edge) fmt::print(out, "    {} -> {} first taken:\n", edge->first, edge->second);
    out << thread_line(run.thread_names[o.thread], o.view);
    return;
  }
  if (!w.raised || *w.raised >= run.views.size()) return;
  const sched::Finding& f = run.findings[*w.raised];
  for (const auto& [thread, view] : run.views[*w.raised].threads)
    if (f.threads.empty() || f.threads.contains(thread))
      out << thread_line(run.thread_names[thread], view);
}

void write_findings(std::ostream& out, const CheckResult& r, const std::string& traces_dir) {
  for (size_t i = 0; i < r.exploration.findings.size(); ++i) {
    const sched::KindSummary& k = r.exploration.findings[i];
    fmt::print(out, "  {}: {}\n", sched::finding_kind_name(k.kind), k.finding.message);
    if (i < r.witnesses.size()) write_threads(out, k, r.witnesses[i]);
    fmt::print(out, "    witness: {}, {}; seen in {} at {}\n", plural(k.preemptions, "preemption"),
               plural(k.steps, "step"), plural(k.executions, "execution"), plural(k.sites, "site"));
    if (!traces_dir.empty())
      fmt::print(out, "  replay: resvcheck replay {}\n",
                 trace_path(traces_dir, r.scenario, r.version, k.kind));
  }
}

/// One result's line, in columns.
struct Line {
  std::string status, scenario, version, verdict, stats;
};

Line line(const CheckResult& r) {
  Line l{std::string(scenarios::status_name(r.status)), r.scenario,
         std::string(model::version_name(r.version)), verdict_text(r),
         r.status == Status::error ? "" : stats_text(r.exploration)};
  std::transform(l.status.begin(), l.status.end(), l.status.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return l;
}

}  // namespace

void write_text_report(std::ostream& out, const std::vector<CheckResult>& results,
                       const std::string& traces_dir) {
  std::vector<Line> lines;
  size_t status_width = 0, name_width = 0, version_width = 0, verdict_width = 0;
  for (const CheckResult& r : results) {
    const Line& l = lines.emplace_back(line(r));
    status_width = std::max(status_width, l.status.size());
    name_width = std::max(name_width, l.scenario.size());
    version_width = std::max(version_width, l.version.size());
    verdict_width = std::max(verdict_width, l.verdict.size());
  }
  std::array<uint64_t, scenarios::kStatusNames.size()> counts{};
  for (size_t i = 0; i < results.size(); ++i) {
    const Line& l = lines[i];
    const std::string text =
        fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}", l.status, status_width, l.scenario,
                    name_width, l.version, version_width, l.verdict, verdict_width, l.stats);
    out << text.substr(0, text.find_last_not_of(' ') + 1) << '\n';
    ++counts[static_cast<size_t>(results[i].status)];
    if (results[i].status != Status::pass) write_findings(out, results[i], traces_dir);
  }
  std::vector<std::string> summary;
  for (size_t i = 0; i < counts.size(); ++i)
    summary.push_back(fmt::format("{} {}", counts[i], scenarios::kStatusNames[i]));
  fmt::print(out, "{}\n", fmt::join(summary, ", "));
}

}  // namespace resvcheck::traces
