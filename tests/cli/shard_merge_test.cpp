// `check --shard K/N` and `merge`: the shards' merged report is the unsharded report outside
// `work` and `timing`; an incomplete set of shards, or shards of different runs, is refused;
// `--shard auto` reads the runner's environment.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;
using Json = nlohmann::ordered_json;

/// The report without what may differ between runs.
Json result_part(const fs::path& report) {
  Json j = Json::parse(read(report));
  j.erase("timing");
  for (Json& r : j["results"]) r.erase("work");
  return j;
}

const std::string kScenarios = RESVCHECK_SOURCE_DIR "/scenarios/catalog/mutex " RESVCHECK_SOURCE_DIR
                                                    "/scenarios/catalog/review";

}  // namespace

// clang-format off
TEST_GROUP_BASE(ShardMerge, BinaryTest) {
  /// The exit status of a check of kScenarios with its report in dir/`report`.
  int check(const std::string& extra, const std::string& report, const std::string& env = "") {
    return resvcheck("check --no-progress --traces " + (dir / "t").string() + " --report " +
                         (dir / report).string() + " " + extra + " " + kScenarios,
                     env)
        .status;
  }
};
// clang-format on

TEST(ShardMerge, MergedShardsAreTheUnshardedReport) {
  LONGS_EQUAL(0, check("", "full.json"));
  for (int k = 1; k <= 3; ++k)
    LONGS_EQUAL(0, check("--shard " + std::to_string(k) + "/3", "s" + std::to_string(k) + ".json"));
  const Json s1 = result_part(dir / "s1.json");
  CHECK_TRUE(s1["results"].size() < result_part(dir / "full.json")["results"].size());
  LONGS_EQUAL(
      0, resvcheck("merge " + (dir / "s2.json").string() + " " + (dir / "s3.json").string() + " " +
                   (dir / "s1.json").string() + " --report " + (dir / "merged.json").string())
             .status);
  STRCMP_EQUAL(result_part(dir / "full.json").dump(1).c_str(),
               result_part(dir / "merged.json").dump(1).c_str());
}

TEST(ShardMerge, AMissingShardIsRefused) {
  LONGS_EQUAL(0, check("--shard 1/2", "s1.json"));
  LONGS_EQUAL(2, resvcheck("merge " + (dir / "s1.json").string()).status);
  CHECK(read(dir / "err").find("shard 2/2 is missing") != std::string::npos);
}

TEST(ShardMerge, ShardsOfDifferentRunsAreRefused) {
  LONGS_EQUAL(0, check("--shard 1/2", "s1.json"));
  LONGS_EQUAL(0, check("--shard 2/2 --seed 5", "s2.json"));
  LONGS_EQUAL(
      2,
      resvcheck("merge " + (dir / "s1.json").string() + " " + (dir / "s2.json").string()).status);
  CHECK(read(dir / "err").find("another run's shard") != std::string::npos);
}

TEST(ShardMerge, AutoReadsTheRunnersEnvironment) {
  LONGS_EQUAL(0, check("--shard 2/3", "explicit.json"));
  LONGS_EQUAL(0, check("--shard auto", "gitlab.json", "CI_NODE_INDEX=2 CI_NODE_TOTAL=3"));
  LONGS_EQUAL(0, check("--shard auto", "slurm.json",
                       "SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3"));
  LONGS_EQUAL(0, check("--shard auto/3", "k8s.json", "JOB_COMPLETION_INDEX=1"));
  const std::string expected = result_part(dir / "explicit.json").dump();
  for (const char* name : {"gitlab.json", "slurm.json", "k8s.json"})
    STRCMP_EQUAL_TEXT(expected.c_str(), result_part(dir / name).dump().c_str(), name);
  LONGS_EQUAL(2, check("--shard auto", "none.json",
                       "env -u CI_NODE_INDEX -u SLURM_ARRAY_TASK_ID "
                       "-u JOB_COMPLETION_INDEX"));
  LONGS_EQUAL(2, check("--shard 4/3", "bad.json"));
}
