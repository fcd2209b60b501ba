// `resvcheck explain KIND` end to end: every kind explained; an unknown kind is a usage error.
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <string>

#include "scheduler/finding.h"

#include "CppUTest/TestHarness.h"

namespace {

/// Runs `resvcheck ARGS` with stderr merged into stdout.
std::string run_resvcheck(const std::string& args, int* status) {
  const std::string cmd = std::string(RESVCHECK_BINARY) + " " + args + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  const int raw = pclose(pipe.release());
  *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

}  // namespace

TEST_GROUP(ExplainCommand){};

TEST(ExplainCommand, ExplainsEveryKind) {
  for (std::string_view kind : resvcheck::sched::kFindingKindNames) {
    int status = -1;
    const std::string k(kind);
    const std::string text = run_resvcheck("explain " + k, &status);
    LONGS_EQUAL_TEXT(0, status, k.c_str());
    CHECK_TEXT(text.rfind(k + ": ", 0) == 0, k.c_str());
    CHECK_TEXT(text.find("How resvcheck detects it") != std::string::npos, k.c_str());
    CHECK_TEXT(text.find("What usually fixes it") != std::string::npos, k.c_str());
  }
}

TEST(ExplainCommand, UnknownKindListsTheKinds) {
  int status = -1;
  const std::string out = run_resvcheck("explain deadlocks", &status);
  LONGS_EQUAL(2, status);
  CHECK(out.find("unknown finding kind \"deadlocks\"") != std::string::npos);
  for (std::string_view kind : resvcheck::sched::kFindingKindNames)
    CHECK(out.find("\n  " + std::string(kind) + " ") != std::string::npos);
}

TEST(ExplainCommand, MissingKindIsAUsageError) {
  int status = -1;
  run_resvcheck("explain", &status);
  LONGS_EQUAL(2, status);
}
