// `resvcheck lockgraph OLD NEW` end to end: the exit status (0, 1 on a new cycle or, with
// --fail-on-new-edges, a new edge, 2 on bad input) and what it prints.
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

using resvcheck::cli_test::merged_output_of;

const std::filesystem::path kDir =
    std::filesystem::temp_directory_path() / "resvcheck-lockgraph-cli";

/// A lock-graph file for v6.5 with the given edges (each witnessed by scenario "s").
std::string graph(std::initializer_list<std::pair<const char*, const char*>> edges) {
  std::string list;
  for (const auto& [from, to] : edges)
    list += std::string(list.empty() ? "" : ",\n") + "{\"from\": \"" + from + "\", \"to\": \"" +
            to +
            "\", \"primed\": false, \"witness\": {\"scenario\": \"s\", \"file\": \"s.json\", "
            "\"executions\": 1, \"preemptions\": 0, \"steps\": 4}}";
  return "{\"format\": \"resvcheck-lockgraph\", \"format_version\": 1, \"versions\": {\"v6.5\": [" +
         list + "]}}";
}

std::string write(const std::string& name, const std::string& text) {
  std::filesystem::create_directories(kDir);
  const std::filesystem::path p = kDir / name;
  std::ofstream(p) << text;
  return p.string();
}

}  // namespace

TEST_GROUP(LockgraphCommand){void teardown() override{std::filesystem::remove_all(kDir);
}
}
;

TEST(LockgraphCommand, SameGraphIsOk) {
  const std::string a = write("a.json", graph({{"a", "b"}}));
  int status = -1;
  const std::string out = merged_output_of("lockgraph " + a + " " + a, &status);
  LONGS_EQUAL(0, status);
  CHECK(out.find("v6.5: no change") != std::string::npos);
  CHECK(out.find(": OK\n") != std::string::npos);
}

TEST(LockgraphCommand, NewEdgeFailsOnlyWithTheFlag) {
  const std::string a = write("a.json", graph({{"a", "b"}}));
  const std::string b = write("b.json", graph({{"a", "b"}, {"b", "c"}}));
  int status = -1;
  std::string out = merged_output_of("lockgraph " + a + " " + b, &status);
  LONGS_EQUAL(0, status);
  CHECK(out.find("  + b -> c  (witness: s in s.json;") != std::string::npos);
  out = merged_output_of("lockgraph " + a + " " + b + " --fail-on-new-edges", &status);
  LONGS_EQUAL(1, status);
  // Removed edges never fail.
  out = merged_output_of("lockgraph " + b + " " + a + " --fail-on-new-edges", &status);
  LONGS_EQUAL(0, status);
  CHECK(out.find("  - b -> c") != std::string::npos);
}

TEST(LockgraphCommand, NewCycleFails) {
  const std::string a = write("a.json", graph({{"a", "b"}}));
  const std::string b = write("b.json", graph({{"a", "b"}, {"b", "a"}}));
  int status = -1;
  const std::string out = merged_output_of("lockgraph " + a + " " + b, &status);
  LONGS_EQUAL(1, status);
  CHECK(out.find("  new cycle: a -> b -> a\n") != std::string::npos);
}

TEST(LockgraphCommand, BadInputIsExit2WithFileAndPointer) {
  const std::string a = write("a.json", graph({{"a", "b"}}));
  const std::string bad = write("bad.json",
                                "{\"format\": \"resvcheck-lockgraph\", "
                                "\"format_version\": 1, \"versions\": {\"v6.5\": 3}}");
  int status = -1;
  std::string out = merged_output_of("lockgraph " + a + " " + bad, &status);
  LONGS_EQUAL(2, status);
  CHECK(out.find(bad + ": /versions/v6.5: expected an array of edges, found 3") !=
        std::string::npos);
  out = merged_output_of("lockgraph " + a + " " + (kDir / "missing.json").string(), &status);
  LONGS_EQUAL(2, status);
  out = merged_output_of("lockgraph " + a, &status);
  LONGS_EQUAL(2, status);
}
