// The text and JSON reports of a check run, from hand-built results.
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/scenario_loader.h"
#include "tests/traces/check_results_support.h"
#include "traces/report_json.h"
#include "traces/report_text.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::traces {
namespace {

using scenarios::CheckResult;
using scenarios::Status;
using sched::FindingKind;
using testing::kinds;
using testing::result;

/// A finding of thread `thread` whose witness is 1 preemption and 4 steps, seen in 3 executions
/// at 2 sites.
sched::KindSummary summary(FindingKind kind, std::string thread, std::string message) {
  sched::KindSummary k = testing::finding(kind, {std::move(thread)}, std::move(message));
  k.steps = 4;
  k.sites = 2;
  k.executions = 3;
  return k;
}

/// A passing self_deadlock and a failing clean expectation that found deadlock.
std::vector<CheckResult> results() {
  CheckResult pass =
      result("double-lock", "s/double-lock.json", model::Version::v6_5, Status::pass);
  pass.expected = {kinds({FindingKind::self_deadlock}), {}, {}};
  pass.found = kinds({FindingKind::self_deadlock});
  pass.exploration.stats.executions = 1;
  pass.exploration.findings.push_back(
      summary(FindingKind::self_deadlock, "t1", "'t1' blocks on 'a', which it already holds"));

  CheckResult fail = result("abba", "s/abba.json", model::Version::v6_16, Status::fail);
  fail.expected = scenarios::Expectation::clean();
  fail.found = kinds({FindingKind::deadlock});
  fail.exploration.stats = {.executions = 3,
                            .redundant = 1,
                            .steps = 20,
                            .max_depth = 8,
                            .complete = true,
                            .preemption_bound = 2};
  fail.exploration.findings.push_back(
      summary(FindingKind::deadlock, "t1", "threads 't1', 't2' wait on each other"));
  return {pass, fail};
}

}  // namespace

TEST_GROUP(Reports){};

TEST(Reports, Text) {
  std::ostringstream out;
  write_text_report(out, results(), "t");
  STRCMP_EQUAL(
      "PASS  double-lock  v6.5   self_deadlock                   1 execution (complete)\n"
      "FAIL  abba         v6.16  expected clean, found deadlock  3 executions (complete within "
      "2 preemptions)\n"
      "  deadlock: threads 't1', 't2' wait on each other\n"
      "    witness: 1 preemption, 4 steps; seen in 3 executions at 2 sites\n"
      "  replay: resvcheck replay t/abba.v6.16.deadlock.json\n"
      "1 pass, 1 fail, 0 incomplete, 0 error\n",
      out.str().c_str());
}

TEST(Reports, Json) {
  const ReportRun run{.strategy = sched::StrategyKind::dfs,
                      .preemptions = 2,
                      .seed = 7,
                      .traces_dir = "t",
                      .elapsed_ms = 12,
                      .jobs = 1,
                      .shard = std::nullopt};
  const std::string text = report_json(results(), run);
  // The exact text: keys in the order of cli-and-traces.md, two-space indent, final newline.
  STRCMP_EQUAL(nlohmann::ordered_json::parse(R"({
        "format": "resvcheck-report", "format_version": 1,
        "options": {"strategy": "dfs", "preemptions": 2, "seed": 7},
        "results": [
          {"scenario": "double-lock", "file": "s/double-lock.json", "version": "v6.5",
           "status": "pass", "expected": {"exact": ["self_deadlock"]}, "found": ["self_deadlock"],
           "stats": {"executions": 1, "max_depth": 0, "preemption_bound": null, "complete": true},
           "findings": [{"kind": "self_deadlock", "threads": ["t1"], "sites": 2,
                         "message": "'t1' blocks on 'a', which it already holds",
                         "preemptions": 1, "trace": "t/double-lock.v6.5.self_deadlock.json"}],
           "work": {"redundant": 0, "steps": 0, "prefixes": 0}},
          {"scenario": "abba", "file": "s/abba.json", "version": "v6.16",
           "status": "fail", "expected": {"exact": []}, "found": ["deadlock"],
           "stats": {"executions": 3, "max_depth": 8, "preemption_bound": 2, "complete": true},
           "findings": [{"kind": "deadlock", "threads": ["t1"], "sites": 2,
                         "message": "threads 't1', 't2' wait on each other",
                         "preemptions": 1, "trace": "t/abba.v6.16.deadlock.json"}],
           "work": {"redundant": 1, "steps": 20, "prefixes": 0}}
        ],
        "summary": {"pass": 1, "fail": 1, "incomplete": 0, "error": 0},
        "timing": {"elapsed_ms": 12, "jobs": 1}
      })")
                   .dump(2)
                   .append("\n")
                   .c_str(),
               text.c_str());
}

TEST(Reports, IncludesExcludesExpectation) {
  std::vector<CheckResult> r = results();
  r[1].expected = {std::nullopt, kinds({FindingKind::warn}), kinds({FindingKind::deadlock})};
  const nlohmann::json report = nlohmann::json::parse(report_json(r, ReportRun()));
  STRCMP_EQUAL(R"({"excludes":["deadlock"],"includes":["warn"]})",
               report["results"][1]["expected"].dump().c_str());
  std::ostringstream out;
  write_text_report(out, r, "");
  CHECK_TRUE(out.str().find("expected including warn, excluding deadlock, found deadlock") !=
             std::string::npos);
}

}  // namespace resvcheck::traces

namespace resvcheck::traces {

// The lockdep-style block of a real check: each thread of the finding with the call it is in
// and the locks it holds when the witness raises it.
TEST(Reports, TheBlockShowsEachThreadsCallAndHeldLocks) {
  const auto loaded = scenarios::load_scenario(R"({"name": "abba",
    "objects": [{"name": "bo", "type": "shmem"}], "locks": [{"name": "a"}, {"name": "b"}],
    "threads": [
      {"name": "t1", "ops": [{"call": "mutex_lock", "lock": "a"}, {"call": "mutex_lock", "lock": "b"},
                             {"call": "mutex_unlock", "lock": "b"}, {"call": "mutex_unlock", "lock": "a"}]},
      {"name": "t2", "ops": [{"call": "mutex_lock", "lock": "b"}, {"call": "mutex_lock", "lock": "a"},
                             {"call": "mutex_unlock", "lock": "a"}, {"call": "mutex_unlock", "lock": "b"}]}],
    "expect": {"v6.5": "clean"}})");
  CHECK_TRUE(loaded.scenario.has_value());
  std::vector<CheckResult> r = {
      scenarios::check(*loaded.scenario, "abba.json", loaded.scenario->checks[0], sched::Config{})};
  std::ostringstream out;
  write_text_report(out, r, "tr");
  const std::string text = out.str();
  CHECK_TEXT(text.find("  deadlock: ") != std::string::npos, text.c_str());
  CHECK_TEXT(text.find("    thread 't1': mutex_lock(b)  holding: a\n") != std::string::npos,
             text.c_str());
  CHECK_TEXT(text.find("    thread 't2': mutex_lock(a)  holding: b\n") != std::string::npos,
             text.c_str());
  CHECK_TEXT(text.find("    a -> b first taken:\n    thread 't1': mutex_lock(b)  holding: a\n") !=
                 std::string::npos,
             text.c_str());
  CHECK_TEXT(
      text.find("  replay: resvcheck replay tr/abba.v6.5.deadlock.json\n") != std::string::npos,
      text.c_str());
}

}  // namespace resvcheck::traces
