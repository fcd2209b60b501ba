#include "traces/report_json.h"

#include <array>
#include <nlohmann/json.hpp>

#include "traces/strategy_names.h"
#include "traces/trace_file.h"

namespace resvcheck::traces {
namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<uint32_t>& n) { return n ? Json(*n) : Json(nullptr); }

Json kinds(scenarios::KindSet set) { return set.names(); }

Json expected(const scenarios::Expectation& e) {
  if (e.exact) return {{"exact", kinds(*e.exact)}};
  return {{"includes", kinds(e.includes)}, {"excludes", kinds(e.excludes)}};
}

Json finding(const scenarios::CheckResult& r, const sched::KindSummary& k,
             const std::string& traces_dir) {
  Json threads = Json::array();
  for (const std::string& name : k.thread_names) threads.push_back(name);
  return {{"kind", sched::finding_kind_name(k.kind)},
          {"threads", threads},
          {"sites", k.sites},
          {"message", k.finding.message},
          {"preemptions", k.preemptions},
          {"trace", trace_path(traces_dir, r.scenario, r.version, k.kind)}};
}

Json result(const scenarios::CheckResult& r, const std::string& traces_dir) {
  const sched::Stats& stats = r.exploration.stats;
  Json findings = Json::array();
  for (const sched::KindSummary& k : r.exploration.findings)
    findings.push_back(finding(r, k, traces_dir));
  return {{"scenario", r.scenario},
          {"file", r.file},
          {"version", model::version_name(r.version)},
          {"status", scenarios::status_name(r.status)},
          {"expected", expected(r.expected)},
          {"found", kinds(r.found)},
          {"stats",
           {{"executions", stats.executions},
            {"max_depth", stats.max_depth},
            {"preemption_bound", optional_number(stats.preemption_bound)},
            {"complete", stats.complete}}},
          {"findings", findings},
          {"work",
           {{"redundant", stats.redundant}, {"steps", stats.steps}, {"prefixes", stats.subtrees}}}};
}

}  // namespace

std::string report_json(const std::vector<scenarios::CheckResult>& results, const ReportRun& run) {
  Json list = Json::array();
  std::array<uint64_t, scenarios::kStatusNames.size()> counts{};
  for (const scenarios::CheckResult& r : results) {
    list.push_back(result(r, run.traces_dir));
    ++counts[static_cast<size_t>(r.status)];
  }
  Json summary = Json::object();
  for (size_t i = 0; i < counts.size(); ++i) summary[scenarios::kStatusNames[i]] = counts[i];
  Json options = {{"strategy", strategy_name(run.strategy)},
                  {"preemptions", optional_number(run.preemptions)},
                  {"seed", run.seed}};
  if (run.shard) options["shard"] = {{"index", run.shard->first}, {"count", run.shard->second}};
  const Json report = {
      {"format", "resvcheck-report"},
      {"format_version", 1},
      {"options", options},
      {"results", list},
      {"summary", summary},
      {"timing", {{"elapsed_ms", run.elapsed_ms}, {"jobs", run.jobs}}},
  };
  return report.dump(2) + "\n";
}

}  // namespace resvcheck::traces
