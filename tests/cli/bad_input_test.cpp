// Bad scenario files (tests/cli/bad/, one problem class each) through the built binary: each is
// exit status 2, nothing checked, and every problem printed as `FILE: /json/pointer: expected
// ..., found ...` (malformed text: `FILE: line L, column C: ...`).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

namespace fs = std::filesystem;
using namespace resvcheck::cli_test;

const fs::path kBad = fs::path(RESVCHECK_SOURCE_DIR) / "tests/cli/bad";

/// The 63 levels of arrays deep-nesting.json may have below /description.
std::string deep_pointer() {
  std::string p = "/description";
  for (int i = 0; i < 63; ++i) p += "/0";
  return p;
}

/// Each bad file and every line it must print (after "FILE: "), in order.
const std::vector<std::pair<std::string, std::vector<std::string>>> kExpected = {
    {"unknown-key.json",
     {"/thread: expected one of the keys name, description, versions, objects, locks, setup, "
      "threads, final, inject, bounds, expect, found unknown key \"thread\""}},
    {"wrong-type.json", {"/threads/0/repeat: expected an integer from 1 to 1000, found \"2\""}},
    {"missing-required.json", {"/threads: expected an array of 1 to 8 threads, found nothing"}},
    {"not-an-object.json", {": expected a scenario object, found an array"}},
    {"unknown-call.json",
     {"/threads/0/ops/0/call: expected a call name, found unknown call \"mutex_lok\""}},
    {"unknown-object.json",
     {"/threads/0/ops/0/object: expected an object declared in /objects, found \"nope\""}},
    {"unknown-lock.json",
     {"/threads/0/ops/0/lock: expected a lock declared in /locks, found \"z\"",
      "/threads/0/ops/1/lock: expected a lock declared in /locks, found \"z\""}},
    {"unknown-ctx.json", {"/threads/0/ops/0/ctx: context 'c' is never initialised in thread 't1'"}},
    {"unknown-exec.json",
     {"/threads/0/ops/0/exec: exec 'e' is never locked (drm_exec_lock) in thread 't1'"}},
    {"duplicate-names.json", {"/objects/1/name: expected a name not used before, found \"bo\""}},
    {"reserved-lock-name.json",
     {"/locks/1/name: expected a name the model does not reserve, found \"mmap_lock\""}},
    {"too-many-threads.json", {"/threads: expected 1 to 8 threads, found 9"}},
    {"ret-not-of-call.json", {"/threads/0/ops/0/ret: expected 0 for mutex_lock, found \"-EINTR\""}},
    {"handler-not-of-call.json",
     {"/threads/0/ops/0/on/-EDEADLK: expected a handler key \"false\" for mutex_trylock, found "
      "key \"-EDEADLK\""}},
    {"unknown-version.json",
     {"/expect/v6.6: expected a version (v6.4, v6.5, v6.10 or v6.16), found key \"v6.6\""}},
    {"unknown-finding-kind.json", {"/expect/v6.5/0: expected a finding kind, found \"dead_lock\""}},
    {"unknown-injection.json",
     {"/inject/0: expected \"enomem\", \"eintr\" or \"edeadlk\", found \"eagain\""}},
    {"malformed.json",
     {"line 4, column 1: invalid JSON: syntax error while parsing object key - unexpected '}'; "
      "expected string literal"}},
    {"duplicate-key.json",
     {"/threads/0/ops/0/lock: expected each key once, found \"lock\" again (JSON keeps only the "
      "last value)"}},
    {"empty.json", {"line 1, column 1: expected a scenario object, found an empty file"}},
    {"not-utf8.json", {"line 3, column 22: expected UTF-8 text, found the byte 0xE9 (not UTF-8)"}},
    {"deep-nesting.json",
     {deep_pointer() + ": expected at most 64 nested arrays and objects, found more"}},
    {"huge-number.json",
     {"/threads/0/repeat: expected a number of magnitude at most 1.8e308, found 1e400"}},
    {"huge-integer.json",
     {"/threads/0/repeat: expected an integer from 1 to 1000, found 1.2345678901234568e+29"}},
    {"many-problems.json",
     {"/name: expected a name of [a-z0-9_.-]+, found \"Many\"",
      "/threads/0/ops/2/lock: expected a lock declared in /locks, found \"z\"",
      "/final/bo/pages: expected one of pages_use_count, pages_pin_count, vmap_use_count, madv, "
      "has_pages, has_sgt, freed, found key \"pages\"",
      "/bounds/preemptions: expected an integer from 0 to 64, found -1"}},
};

/// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(prefix)) out.push_back(line);
  return out;
}

}  // namespace

// clang-format off
TEST_GROUP_BASE(BadInput, BinaryTest) {
  Run check(const std::string& args) { return resvcheck("check --no-progress " + args); }
};
// clang-format on

TEST(BadInput, EveryBadFileIsTableed) {
  size_t files = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(kBad)) {
    ++files;
    const std::string name = e.path().filename().string();
    const bool listed = std::any_of(kExpected.begin(), kExpected.end(),
                                    [&](const auto& x) { return x.first == name; });
    CHECK_TEXT(listed, ("no expectation for tests/cli/bad/" + name).c_str());
  }
  LONGS_EQUAL(kExpected.size(), files);
}

TEST(BadInput, EachFileIsExit2WithItsProblemsAndNothingChecked) {
  for (const auto& [name, lines] : kExpected) {
    const std::string file = (kBad / name).string();
    const Run r = check(file);
    CHECK_EQUAL_TEXT(2, r.status, name.c_str());
    STRCMP_EQUAL_TEXT("", r.out.c_str(), name.c_str());  // nothing checked
    std::vector<std::string> expected;
    for (const std::string& line : lines) expected.push_back(file + ": " + line);
    const std::vector<std::string> printed = lines_starting(r.err, file + ": ");
    LONGS_EQUAL_TEXT(expected.size(), printed.size(), (name + ":\n" + r.err).c_str());
    for (size_t i = 0; i < expected.size(); ++i)
      STRCMP_EQUAL_TEXT(expected[i].c_str(), printed[i].c_str(), name.c_str());
  }
}

TEST(BadInput, TheWholeFolderListsEveryFilesProblems) {
  const Run r = check(kBad.string());
  LONGS_EQUAL(2, r.status);
  for (const auto& [name, lines] : kExpected)
    for (const std::string& line : lines) {
      const std::string expected = (kBad / name).generic_string() + ": " + line + "\n";
      CHECK_TEXT(r.err.find(expected) != std::string::npos, expected.c_str());
    }
}

TEST(BadInput, AGoodFileNextToABadOneIsNotChecked) {
  const fs::path good = dir / "good.json";
  std::ofstream(good) << R"({"name": "good", "objects": [{"name": "bo", "type": "shmem"}],
    "threads": [{"name": "t1", "ops": [{"call": "drm_gem_shmem_pin", "object": "bo"},
                                       {"call": "drm_gem_shmem_unpin", "object": "bo"}]}]})";
  const Run r = check(good.string() + " " + (kBad / "duplicate-key.json").string());
  LONGS_EQUAL(2, r.status);
  STRCMP_EQUAL("", r.out.c_str());
}
