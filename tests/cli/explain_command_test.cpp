// `resvcheck explain KIND` end to end: every kind explained; an unknown kind is a usage error.
#include <string>
#include <string_view>

#include "scheduler/finding.h"
#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

using resvcheck::cli_test::merged_output_of;

}  // namespace

TEST_GROUP(ExplainCommand){};

TEST(ExplainCommand, ExplainsEveryKind) {
  for (std::string_view kind : resvcheck::sched::kFindingKindNames) {
    int status = -1;
    const std::string k(kind);
    const std::string text = merged_output_of("explain " + k, &status);
    LONGS_EQUAL_TEXT(0, status, k.c_str());
    CHECK_TEXT(text.rfind(k + ": ", 0) == 0, k.c_str());
    CHECK_TEXT(text.find("How resvcheck detects it") != std::string::npos, k.c_str());
    CHECK_TEXT(text.find("What usually fixes it") != std::string::npos, k.c_str());
  }
}

TEST(ExplainCommand, UnknownKindListsTheKinds) {
  int status = -1;
  const std::string out = merged_output_of("explain deadlocks", &status);
  LONGS_EQUAL(2, status);
  CHECK(out.find("unknown finding kind \"deadlocks\"") != std::string::npos);
  for (std::string_view kind : resvcheck::sched::kFindingKindNames)
    CHECK(out.find("\n  " + std::string(kind) + " ") != std::string::npos);
}

TEST(ExplainCommand, MissingKindIsAUsageError) {
  int status = -1;
  merged_output_of("explain", &status);
  LONGS_EQUAL(2, status);
}
