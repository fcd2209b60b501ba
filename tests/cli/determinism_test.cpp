// Determinism across --jobs: the catalogue checked with --jobs 1 and with --jobs 2 gives the same
// JSON report outside `work` and `timing`, the same lock-order graph and byte-identical traces.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/support.h"

namespace {

using namespace resvcheck::cli_test;
using Json = nlohmann::ordered_json;

/// The report without what may differ between runs, and with each finding's trace path made
/// relative to its run's trace folder.
std::string result_part(const fs::path& report) {
  Json j = Json::parse(read(report));
  j.erase("timing");
  for (Json& r : j["results"]) {
    r.erase("work");
    for (Json& f : r["findings"])
      f["trace"] = fs::path(f["trace"].get<std::string>()).filename().string();
  }
  return j.dump(1);
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

// clang-format off
TEST_GROUP_BASE(Determinism, BinaryTest) {
  void check_catalogue(const std::string& run, int jobs) {
    const fs::path out = dir / run;
    const std::string cmd = std::string(RESVCHECK_BINARY) + " check --no-progress --jobs " +
                            std::to_string(jobs) + " --traces " + (out / "traces").string() +
                            " --report " + (out / "report.json").string() + " --lock-graph " +
                            (out / "graph.json").string() +
                            " " RESVCHECK_SOURCE_DIR "/scenarios/catalog >/dev/null";
    const int raw = std::system(cmd.c_str());
    LONGS_EQUAL(0, WIFEXITED(raw) ? WEXITSTATUS(raw) : -1);
  }
};

TEST(Determinism, JobsDoNotChangeTheReportTheGraphOrTheTraces) {
  check_catalogue("one", 1);
  check_catalogue("two", 2);
  STRCMP_EQUAL(result_part(dir / "one" / "report.json").c_str(),
               result_part(dir / "two" / "report.json").c_str());
  STRCMP_EQUAL(read(dir / "one" / "graph.json").c_str(), read(dir / "two" / "graph.json").c_str());
  const std::vector<std::string> traces = names_in(dir / "one" / "traces");
  CHECK_TRUE(traces == names_in(dir / "two" / "traces"));
  CHECK_TRUE(traces.size() > 100);
  for (const std::string& name : traces)
    CHECK_TEXT(read(dir / "one" / "traces" / name) == read(dir / "two" / "traces" / name),
               name.c_str());
}
