// Limits end runs, never hangs: --time-limit stops with incomplete results and a report, a cut
// execution is step_limit naming the knob to raise, and odd inputs (a folder without scenarios,
// a 10 MB file) are exit 2 with a message, not a crash.
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/support.h"

namespace {

using namespace resvcheck::cli_test;

const std::string kCycle4 =
    RESVCHECK_SOURCE_DIR "/scenarios/catalog/ww_mutex/cycle4-wound-wait.json";

}  // namespace

// clang-format off
TEST_GROUP_BASE(Limits, BinaryTest) {
  Run check(const std::string& args) {
    return resvcheck("check --no-progress --traces " + (dir / "t").string() + " " + args);
  }
};
// clang-format on

TEST(Limits, TimeLimitStopsWithIncompleteResultsAndAReport) {
  // Without its preemption bound the cycle of four contexts has far more executions than a
  // fraction of a second explores.
  const Run r = check("--time-limit 0.3 --preemptions 64 --jobs 1 --report " +
                      (dir / "r.json").string() + " " + kCycle4);
  LONGS_EQUAL(3, r.status);
  const nlohmann::json report = nlohmann::json::parse(read(dir / "r.json"));
  LONGS_EQUAL(4, report["summary"]["incomplete"].get<int>());
  CHECK_TRUE(r.out.find("(incomplete: time_limit)") != std::string::npos);
}

TEST(Limits, ACutExecutionIsStepLimitNamingTheKnob) {
  const Run r = check("--max-steps 5 " + kCycle4);
  LONGS_EQUAL(1, r.status);
  CHECK_TEXT(r.out.find("step_limit: the execution exceeded 5 steps") != std::string::npos,
             r.out.c_str());
  CHECK_TRUE(r.out.find("raise --max-steps or bounds.max_steps") != std::string::npos);
}

TEST(Limits, AFolderWithoutScenariosIsBadInput) {
  fs::create_directories(dir / "empty");
  const Run r = check((dir / "empty").string());
  LONGS_EQUAL(2, r.status);
  STRCMP_EQUAL("resvcheck check: no scenario files in the paths given\n", r.err.c_str());
}

TEST(Limits, ATenMegabyteFileIsReadAndRefusedPrecisely) {
  std::string text = R"({"name": "big", "padding": [)";
  while (text.size() < 10'000'000) text += "1234567890,";
  text +=
      R"(0], "objects": [{"name": "bo", "type": "shmem"}], "threads": [{"name": "t", "ops": []}],
    "expect": {"v6.5": "clean"}})";
  write(dir / "big.json", text);
  const Run r = check((dir / "big.json").string());
  LONGS_EQUAL(2, r.status);
  CHECK_TEXT(r.err.find("big.json: /padding: ") != std::string::npos, r.err.c_str());
}
