// SIGINT and SIGTERM during `check`: the run stops, the report and the traces so far are written
// (what was cut or never ran is incomplete) and the exit status is 128 + the signal.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;

}  // namespace

// clang-format off
TEST_GROUP_BASE(Interrupt, BinaryTest) {
  /// Starts a long check (the wound-wait cycle of 4, ~2 s per version, after the quick mutex
  /// scenarios), sends `sig` once the first traces exist, and returns the exit status.
  int interrupted_check(int sig) {
    const pid_t pid = fork();
    if (pid == 0) {
      const std::string out = (dir / "out").string();
      freopen(out.c_str(), "w", stdout);
      freopen((dir / "err").string().c_str(), "w", stderr);
      execl(RESVCHECK_BINARY, RESVCHECK_BINARY, "check", "--no-progress", "--traces",
            (dir / "t").c_str(), "--report", (dir / "r.json").c_str(),
            RESVCHECK_SOURCE_DIR "/scenarios/catalog/mutex",
            RESVCHECK_SOURCE_DIR "/scenarios/catalog/ww_mutex/cycle4-wound-wait.json",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    // Wait until the quick scenarios are done (their traces exist), then interrupt.
    for (int i = 0;
         i < 200 && !fs::exists(dir / "t" / "mutex-unlock-not-held.v6.16.unlock_not_held.json");
         ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill(pid, sig);
    int raw = 0;
    waitpid(pid, &raw, 0);
    return exit_status(raw);
  }
};
// clang-format on

TEST(Interrupt, SigintWritesTheReportSoFarAndExits130) {
  LONGS_EQUAL(130, interrupted_check(SIGINT));
  const nlohmann::json report = nlohmann::json::parse(read(dir / "r.json"));
  CHECK(report["summary"]["pass"].get<int>() >= 24);  // the mutex scenarios, 6 x 4 versions
  CHECK(report["summary"]["incomplete"].get<int>() >= 1);
  for (const auto& r : report["results"])
    if (r["scenario"] == "ww-cycle4-wound-wait")
      STRCMP_EQUAL("incomplete", r["status"].get<std::string>().c_str());
  CHECK(fs::exists(dir / "t" / "mutex-abba-deadlock.v6.4.deadlock.json"));
  // No temporary file is left behind.
  for (const auto& e : fs::directory_iterator(dir))
    CHECK_TEXT(e.path().filename().string().find(".tmp") == std::string::npos, e.path().c_str());
}

TEST(Interrupt, SigtermExits143) { LONGS_EQUAL(143, interrupted_check(SIGTERM)); }
