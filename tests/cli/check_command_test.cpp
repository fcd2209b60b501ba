// `resvcheck check` end to end, through the built binary: exit statuses and their precedence,
// input errors, the folder walk, and the JSON report's shape and determinism.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;

/// A scenario named `name` whose one thread locks a twice (self_deadlock) or once and unlocks.
std::string scenario(const std::string& name, bool self_deadlock, const std::string& expect) {
  const std::string second = self_deadlock ? "mutex_lock" : "mutex_unlock";
  return R"({"name": ")" + name + R"(", "objects": [{"name": "bo", "type": "shmem"}],
    "locks": [{"name": "a"}],
    "threads": [{"name": "t1", "ops": [{"call": "mutex_lock", "lock": "a"},
                                       {"call": ")" +
         second + R"(", "lock": "a"}]}],
    "expect": {"v6.4": )" +
         expect + "}}";
}

}  // namespace

// clang-format off
TEST_GROUP_BASE(CheckCommand, BinaryTest) {
  Run check(const std::string& args) {
    return resvcheck("check --traces " + (dir / "traces").string() + " " + args);
  }
};
// clang-format on

TEST(CheckCommand, CatalogPasses) {
  const Run r = check(RESVCHECK_SOURCE_DIR "/scenarios/catalog --no-progress");
  LONGS_EQUAL(0, r.status);
  // Every result passes (the count grows with the catalogue; catalog_test checks each one).
  CHECK_TRUE(r.out.ends_with(" pass, 0 fail, 0 incomplete, 0 error\n"));
  CHECK_TRUE(r.out.find("\n0 pass") == std::string::npos);
}

TEST(CheckCommand, BadInputIsExit2WithEveryProblemAndNothingChecked) {
  write(dir / "bad.json", R"({"name": "Bad", "objects": [{"name": "bo", "type": "shmem"}],
    "threads": [{"name": "t1", "ops": [{"call": "mutex_lock", "lock": "z"}]}]})");
  write(dir / "good.json", scenario("good", false, "\"clean\""));
  const Run r = check((dir / "bad.json").string() + " " + (dir / "good.json").string());
  LONGS_EQUAL(2, r.status);
  const std::string file = (dir / "bad.json").string();
  STRCMP_EQUAL((file + ": /name: expected a name of [a-z0-9_.-]+, found \"Bad\"\n" + file +
                ": /threads/0/ops/0/lock: expected a lock declared in /locks, found \"z\"\n")
                   .c_str(),
               r.err.c_str());
  STRCMP_EQUAL("", r.out.c_str());
}

TEST(CheckCommand, TwoFilesWithOneNameAreBadInput) {
  write(dir / "a.json", scenario("same", false, "\"clean\""));
  write(dir / "b.json", scenario("same", false, "\"clean\""));
  const Run r = check(dir.string());
  LONGS_EQUAL(2, r.status);
  CHECK_TRUE(r.err.find("b.json: /name: expected a name no other scenario of this run has, found "
                        "\"same\" (also in ") != std::string::npos);
}

TEST(CheckCommand, UsageErrorIsExit2) {
  write(dir / "a.json", scenario("a", false, "\"clean\""));
  LONGS_EQUAL(2, check((dir / "a.json").string() + " --strategy bfs").status);
  LONGS_EQUAL(2, check((dir / "missing.json").string()).status);
}

TEST(CheckCommand, ExitStatusPrecedence) {
  write(dir / "a.json", scenario("a", true, "[\"self_deadlock\"]"));  // pass
  LONGS_EQUAL(0, check(dir.string()).status);
  write(dir / "b.json", scenario("b", false, "[\"deadlock\"]"));  // fail
  LONGS_EQUAL(1, check(dir.string()).status);
  fs::remove(dir / "b.json");
  // Cut after one execution: a clean scenario is incomplete...
  write(dir / "c.json", R"({"name": "c", "objects": [{"name": "bo", "type": "shmem"}],
    "locks": [{"name": "a"}], "bounds": {"max_executions": 1},
    "threads": [{"name": "t1", "ops": [{"call": "mutex_lock", "lock": "a"},
                                       {"call": "mutex_unlock", "lock": "a"}]},
                {"name": "t2", "ops": [{"call": "mutex_lock", "lock": "a"},
                                       {"call": "mutex_unlock", "lock": "a"}]}],
    "expect": {"v6.4": "clean"}})");
  LONGS_EQUAL(3, check(dir.string()).status);
  // ... and a failure takes precedence over it.
  write(dir / "b.json", scenario("b", false, "[\"deadlock\"]"));
  LONGS_EQUAL(1, check(dir.string()).status);
}

TEST(CheckCommand, ReportIsDeterministicAndSkippedByTheFolderWalk) {
  write(dir / "a.json", scenario("a", true, "[\"self_deadlock\"]"));
  write(dir / "b.json", scenario("b", false, "\"clean\""));
  const fs::path report = dir / "report.json";
  LONGS_EQUAL(0, check(dir.string() + " --jobs 3 --report " + report.string()).status);
  const std::string text = read(report);
  CHECK_TRUE(
      text.starts_with("{\n  \"format\": \"resvcheck-report\",\n  \"format_version\": 1,\n"));
  nlohmann::json first = nlohmann::json::parse(text);
  // The report now lies in the folder: the next walk skips it.
  LONGS_EQUAL(0, check(dir.string() + " --report " + report.string()).status);
  nlohmann::json second = nlohmann::json::parse(read(report));

  LONGS_EQUAL(3, first["timing"]["jobs"].get<int>());
  LONGS_EQUAL(2, first["results"].size());
  const nlohmann::json& a = first["results"][0];
  STRCMP_EQUAL("a", a["scenario"].get<std::string>().c_str());
  STRCMP_EQUAL((dir / "a.json").string().c_str(), a["file"].get<std::string>().c_str());
  // max_depth 1: the blocked re-lock is no event.
  STRCMP_EQUAL(R"({"complete":true,"executions":1,"max_depth":1,"preemption_bound":null})",
               a["stats"].dump().c_str());
  STRCMP_EQUAL(R"({"exact":["self_deadlock"]})", a["expected"].dump().c_str());
  STRCMP_EQUAL(R"(["self_deadlock"])", a["found"].dump().c_str());
  STRCMP_EQUAL(R"({"error":0,"fail":0,"incomplete":0,"pass":2})", first["summary"].dump().c_str());
  for (nlohmann::json* j : {&first, &second}) {
    j->erase("timing");
    for (nlohmann::json& result : (*j)["results"]) result.erase("work");
  }
  STRCMP_EQUAL(first.dump().c_str(), second.dump().c_str());
}
