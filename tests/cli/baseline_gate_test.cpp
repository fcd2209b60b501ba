// The lock-order CI gate end to end: `check --lock-graph` writes a baseline, and a later run that
// adds an edge passes (a new edge alone is not a regression) unless --fail-on-new-edges; one that
// closes a cycle across two files fails; a bad baseline is exit 2 before anything is checked.
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;

/// A clean scenario whose one thread takes driver mutex `first`, then `second`.
std::string nested(const std::string& name, const std::string& first, const std::string& second) {
  return R"({"name": ")" + name + R"(", "objects": [{"name": "bo", "type": "shmem"}],
    "locks": [{"name": "a"}, {"name": "b"}, {"name": "c"}],
    "threads": [{"name": "t", "ops": [
      {"call": "mutex_lock", "lock": ")" +
         first + R"("},
      {"call": "mutex_lock", "lock": ")" +
         second + R"("},
      {"call": "mutex_unlock", "lock": ")" +
         second + R"("},
      {"call": "mutex_unlock", "lock": ")" +
         first + R"("}]}],
    "expect": {"v6.5": "clean"}})";
}

}  // namespace

// clang-format off
TEST_GROUP_BASE(BaselineGate, BinaryTest) {
  void setup() override {
    BinaryTest::setup();
    fs::create_directories(dir / "s");
    std::ofstream(dir / "s" / "ab.json") << nested("ab", "a", "b");
    const int status = check("--lock-graph " + (dir / "baseline.json").string());
    LONGS_EQUAL(0, status);
  }

  /// The exit status of a check of dir/s; its stdout and stderr are in dir/out and dir/err.
  int check(const std::string& flags) {
    return resvcheck("check --no-progress --traces " + (dir / "t").string() + " " + flags + " " +
                     (dir / "s").string())
        .status;
  }
  std::string baseline() { return "--baseline " + (dir / "baseline.json").string(); }
};
// clang-format on

TEST(BaselineGate, TheSameRunPasses) {
  LONGS_EQUAL(0, check(baseline()));
  CHECK(read(dir / "out").find("0 new edges") != std::string::npos);
}

TEST(BaselineGate, ANewEdgeFailsOnlyWithFailOnNewEdges) {
  std::ofstream(dir / "s" / "bc.json") << nested("bc", "b", "c");
  LONGS_EQUAL(0, check(baseline()));
  CHECK(read(dir / "out").find("b -> c") != std::string::npos);
  LONGS_EQUAL(1, check(baseline() + " --fail-on-new-edges"));
}

TEST(BaselineGate, ACycleAcrossFilesFails) {
  // Each file alone is clean (one order each); together they invert a -> b.
  std::ofstream(dir / "s" / "ba.json") << nested("ba", "b", "a");
  LONGS_EQUAL(1, check(baseline()));
  CHECK(read(dir / "out").find("1 new cycle") != std::string::npos);
}

TEST(BaselineGate, ABadBaselineIsABadInput) {
  std::ofstream(dir / "bad.json") << R"({"format": "resvcheck-lockgraph", "format_version": 7})";
  LONGS_EQUAL(2, check("--baseline " + (dir / "bad.json").string()));
  CHECK(read(dir / "err").find("/format_version") != std::string::npos);
}
