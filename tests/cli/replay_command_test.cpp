// `resvcheck replay` end to end: every trace the catalogue produces replays to the same finding
// at the same step with a byte-identical step listing; edited, foreign and tampered traces are
// refused or diverge; --to-step and --perfetto.
#include <algorithm>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/support.h"
#include "traces/step_listing.h"
#include "traces/trace_file.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;
using resvcheck::traces::OrderedJson;

/// The listing part of replay's output: the lines after the header, up to the verdict.
std::string listing_of(const std::string& out, size_t lines) {
  size_t at = out.find('\n') + 1;
  const size_t from = at;
  for (size_t i = 0; i < lines && at != std::string::npos; ++i) at = out.find('\n', at) + 1;
  return out.substr(from, at - from);
}

size_t line_count(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

// clang-format off
TEST_GROUP_BASE(ReplayCommand, BinaryTest) {
  /// Checks `files` with traces into dir/traces; returns the trace paths, sorted.
  std::vector<fs::path> traces_of(const std::string& files) {
    const Run r =
        resvcheck("check --no-progress --traces " + (dir / "traces").string() + " " + files);
    LONGS_EQUAL_TEXT(0, r.status, r.err.c_str());
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir / "traces")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path one_trace() {
    const auto traces =
        traces_of(RESVCHECK_SOURCE_DIR "/scenarios/catalog/drm_exec/pin-inside.json");
    for (const fs::path& p : traces)
      if (p.filename() == "drm-exec-pin-inside.v6.5.self_deadlock.json") return p;
    FAIL("no v6.5 self_deadlock trace");
    return {};
  }

  /// Replays one_trace() as `edit` changes it, written to dir/`name`.
  Run replay_edited(const std::string& name, const std::function<void(OrderedJson&)>& edit) {
    OrderedJson trace = OrderedJson::parse(read(one_trace()));
    edit(trace);
    write(dir / name, trace.dump());
    return resvcheck("replay " + (dir / name).string());
  }
};
// clang-format on

TEST(ReplayCommand, EveryCatalogueTraceRecursWithTheSameListing) {
  const auto traces = traces_of(RESVCHECK_SOURCE_DIR "/scenarios/catalog");
  CHECK_TRUE(traces.size() > 100);
  for (const fs::path& p : traces) {
    const Run r = resvcheck("replay " + p.string());
    LONGS_EQUAL_TEXT(0, r.status, (p.string() + "\n" + r.out + r.err).c_str());
    const OrderedJson trace = OrderedJson::parse(read(p));
    const std::string expected = resvcheck::traces::step_listing(trace["steps"]);
    STRCMP_EQUAL_TEXT(expected.c_str(), listing_of(r.out, line_count(expected)).c_str(),
                      p.string().c_str());
    CHECK_TEXT(r.out.find(" recurred") != std::string::npos, p.string().c_str());
  }
}

TEST(ReplayCommand, AnEditedScenarioIsRefused) {
  const Run r = replay_edited("edited.json", [](OrderedJson& trace) {
    trace["scenario"]["source"]["threads"][0]["name"] = "someone_else";
  });
  LONGS_EQUAL(2, r.status);
  CHECK(r.err.find("/scenario/sha256: the embedded scenario was edited") != std::string::npos);
}

TEST(ReplayCommand, AnotherFormatVersionIsRefused) {
  const Run r = replay_edited("v2.json", [](OrderedJson& trace) { trace["format_version"] = 2; });
  LONGS_EQUAL(2, r.status);
  CHECK(r.err.find("/format_version: expected 1") != std::string::npos);
}

TEST(ReplayCommand, ATamperedScheduleSaysWhereItDiverged) {
  const Run r = replay_edited("tampered.json", [](OrderedJson& trace) {
    trace["schedule"].push_back({{"thread", 3}});
  });
  LONGS_EQUAL(1, r.status);
  CHECK(r.out.find("diverged") != std::string::npos);
}

TEST(ReplayCommand, AFindingAtAnotherStepDoesNotRecur) {
  const Run r = replay_edited("moved.json", [](OrderedJson& trace) {
    trace["finding"]["step"] = trace["finding"]["step"].get<int>() + 1;
  });
  LONGS_EQUAL(1, r.status);
  CHECK(r.out.find("the finding did not recur") != std::string::npos);
}

TEST(ReplayCommand, ToStepStopsTheListingEarly) {
  const Run r = resvcheck("replay --to-step 1 " + one_trace().string());
  LONGS_EQUAL(0, r.status);
  CHECK(r.out.find("\n    1  ") != std::string::npos);
  CHECK(r.out.find("\n    2  ") == std::string::npos);
}

TEST(ReplayCommand, PerfettoWritesTraceEvents) {
  const fs::path out = dir / "run.perfetto.json";
  const Run r = resvcheck("replay --perfetto " + out.string() + " " + one_trace().string());
  LONGS_EQUAL(0, r.status);
  const nlohmann::json doc = nlohmann::json::parse(read(out));
  size_t threads = 0, calls = 0, locks = 0, findings = 0;
  for (const nlohmann::json& e : doc["traceEvents"]) {
    if (e["name"] == "thread_name") ++threads;
    if (e.value("cat", "") == "call") ++calls;
    if (e.value("cat", "") == "lock" && e["ph"] == "b") ++locks;
    if (e.value("cat", "") == "finding") ++findings;
  }
  LONGS_EQUAL(1, threads);  // vm_bind
  CHECK(calls >= 1);
  LONGS_EQUAL(2, locks);  // the acquire context and bo.resv
  LONGS_EQUAL(1, findings);
}
