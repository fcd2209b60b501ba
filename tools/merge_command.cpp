#include "tools/merge_command.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/version.h"
#include "scenarios/expectation.h"
#include "traces/atomic_file.h"

namespace resvcheck::tools {
namespace {

using Json = nlohmann::ordered_json;

struct Shard {
  std::string path;
  Json report;
  uint64_t index = 0, count = 0;
};

/// Reads one shard's report; prints what is wrong with it otherwise.
std::optional<Shard> read_shard(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read the file\n";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  Shard s{.path = path, .report = Json::parse(text.str(), nullptr, false)};
  const Json& r = s.report;
  if (r.is_discarded() || !r.is_object() || r.value("format", "") != "resvcheck-report") {
    std::cerr << path << ": /format: expected a resvcheck report (check --report)\n";
    return std::nullopt;
  }
  if (r.value("format_version", 0) != 1) {
    std::cerr << path << ": /format_version: expected 1, found " << r["format_version"] << "\n";
    return std::nullopt;
  }
  const Json shard = r["options"].value("shard", Json());
  if (!shard.is_object() || !shard["index"].is_number_unsigned() ||
      !shard["count"].is_number_unsigned()) {
    std::cerr << path << ": /options/shard: expected {index, count} (a report of check --shard)\n";
    return std::nullopt;
  }
  if (!r["results"].is_array()) {
    std::cerr << path << ": /results: expected an array\n";
    return std::nullopt;
  }
  s.index = shard["index"].get<uint64_t>();
  s.count = shard["count"].get<uint64_t>();
  return s;
}

/// Whether the shards are each shard of one run exactly once, with the same options.
bool one_run(const std::vector<Shard>& shards) {
  const uint64_t n = shards.front().count;
  Json options = shards.front().report["options"];
  options.erase("shard");
  std::vector<bool> seen(n + 1, false);
  for (const Shard& s : shards) {
    Json o = s.report["options"];
    o.erase("shard");
    if (s.count != n || o != options) {
      std::cerr << s.path << ": /options: another run's shard (" << o.dump() << " vs "
                << options.dump() << ", " << s.count << " shards vs " << n << ")\n";
      return false;
    }
    if (seen[s.index]) {
      std::cerr << s.path << ": /options/shard: shard " << s.index << "/" << n << " given twice\n";
      return false;
    }
    seen[s.index] = true;
  }
  for (uint64_t k = 1; k <= n; ++k)
    if (!seen[k]) {
      std::cerr << "resvcheck merge: shard " << k << "/" << n << " is missing\n";
      return false;
    }
  return true;
}

size_t release_order(const Json& result) {
  return static_cast<size_t>(
      model::parse_version(result.value("version", "")).value_or(model::Version::v6_4));
}

}  // namespace

CLI::App* add_merge_command(CLI::App& app, MergeOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "merge", "Combine the JSON reports of every shard of a run (check --shard K/N) into one");
  cmd->add_option("REPORT", o.reports, "The shards' reports, one per shard, in any order")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--report", o.output, "Write the merged report here (default: stdout)")
      ->type_name("FILE");
  return cmd;
}

int run_merge(const MergeOptions& o) {
  std::vector<Shard> shards;
  for (const std::string& path : o.reports) {
    auto s = read_shard(path);
    if (!s) return 2;
    shards.push_back(std::move(*s));
  }
  if (!one_run(shards)) return 2;

  Json results = Json::array();
  uint64_t elapsed = 0, jobs = 0;
  for (const Shard& s : shards) {
    for (const Json& r : s.report["results"]) results.push_back(r);
    const Json timing = s.report.value("timing", Json::object());
    elapsed = std::max(elapsed, timing.value("elapsed_ms", uint64_t{0}));
    jobs = std::max(jobs, timing.value("jobs", uint64_t{0}));
  }
  // The order of an unsharded report: file path, then release order.
  std::stable_sort(results.begin(), results.end(), [](const Json& a, const Json& b) {
    const std::string fa = a.value("file", ""), fb = b.value("file", "");
    return fa != fb ? fa < fb : release_order(a) < release_order(b);
  });
  Json summary = Json::object();
  for (std::string_view name : scenarios::kStatusNames) summary[std::string(name)] = 0;
  for (const Json& r : results) {
    const std::string status = r.value("status", "");
    if (summary.contains(status)) summary[status] = summary[status].get<uint64_t>() + 1;
  }
  Json options = shards.front().report["options"];
  options.erase("shard");
  const Json merged = {
      {"format", "resvcheck-report"}, {"format_version", 1},
      {"options", options},           {"results", results},
      {"summary", summary},           {"timing", {{"elapsed_ms", elapsed}, {"jobs", jobs}}}};
  const std::string text = merged.dump(2) + "\n";
  if (o.output.empty()) {
    std::cout << text;
  } else if (auto error = traces::write_file_atomically(o.output, text)) {
    std::cerr << "resvcheck merge: " << *error << "\n";
    return 2;
  }
  const auto count = [&](const char* s) { return summary[s].get<uint64_t>(); };
  std::cerr << count("pass") << " pass, " << count("fail") << " fail, " << count("incomplete")
            << " incomplete, " << count("error") << " error\n";
  if (count("error")) return 4;
  if (count("fail")) return 1;
  if (count("incomplete")) return 3;
  return 0;
}

}  // namespace resvcheck::tools
