// The lock-order graph file: the union over a run's results with one witness per edge, its JSON
// (one edge per line, read back exactly) and Graphviz forms, precise read errors, and the
// comparison `lockgraph OLD NEW` and `check --baseline` gate on.
#include "traces/lock_graph_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/support.h"
#include "tests/traces/check_results_support.h"
#include "traces/lock_graph_diff.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::traces {
namespace {

using model::Version;
using scenarios::CheckResult;
using scenarios::Status;
using testing::edge;
using testing::result;

constexpr const char* kResv = "reservation_ww_class_mutex";

/// A result of `version` whose exploration showed `edges`.
CheckResult with_edges(std::string scenario, Version version,
                       std::vector<sched::ObservationSummary> edges) {
  CheckResult r = result(scenario, "s/" + scenario + ".json", version, Status::pass);
  r.exploration.observations = std::move(edges);
  return r;
}

const GraphEdge* find_edge(const VersionGraph& g, const std::string& from, const std::string& to) {
  for (const GraphEdge& e : g.edges)
    if (e.from == from && e.to == to) return &e;
  return nullptr;
}

/// The first problem's "where: message".
std::string first_problem(std::string_view text) {
  const LockGraphRead read = parse_lock_graph(text);
  CHECK_FALSE(read.graph.has_value());
  if (read.problems.empty()) return "";
  return read.problems[0].where + ": " + read.problems[0].message;
}

/// OLD: v6.4 and v6.5 with a -> b and c -> d. NEW: v6.5 with a -> b and b -> a, and v6.16.
LockGraphFile old_graph() {
  return build_lock_graph_file({with_edges("x", Version::v6_4, {edge("a", "b")}),
                                with_edges("x", Version::v6_5, {edge("a", "b"), edge("c", "d")})});
}
LockGraphFile new_graph() {
  return build_lock_graph_file({with_edges("x", Version::v6_5, {edge("a", "b"), edge("b", "a")}),
                                with_edges("y", Version::v6_16, {})});
}

}  // namespace

TEST_GROUP(LockGraphFile){};

TEST(LockGraphFile, UnionKeepsTheBestWitnessPerEdge) {
  CheckResult broken = with_edges("broken", Version::v6_4, {edge("x", "y")});
  broken.status = Status::error;
  broken.exploration.error = "fiber stack overflow";
  const LockGraphFile g = build_lock_graph_file({
      broken,
      with_edges("first", Version::v6_5, {edge("a", "b", 1, 6, 3), edge("b", "a", 0, 5, 2)}),
      with_edges("second", Version::v6_5, {edge("a", "b", 0, 9, 4), edge("b", "a", 0, 5, 7)}),
      with_edges("third", Version::v6_16, {}),
  });
  // The errored result adds nothing, not even its version; versions in release order.
  LONGS_EQUAL(2, g.versions.size());
  CHECK(g.versions[0].version == Version::v6_5);
  CHECK(g.versions[1].version == Version::v6_16);
  // Primed boot order in every version; sorted by (from, to).
  LONGS_EQUAL(4, g.versions[1].edges.size());
  const VersionGraph& v65 = g.versions[0];
  LONGS_EQUAL(6, v65.edges.size());
  for (size_t i = 1; i < v65.edges.size(); ++i)
    CHECK(std::tie(v65.edges[i - 1].from, v65.edges[i - 1].to) <
          std::tie(v65.edges[i].from, v65.edges[i].to));
  // Fewer preemptions wins over fewer steps; a full tie keeps the first result.
  const GraphEdge* ab = find_edge(v65, "a", "b");
  STRCMP_EQUAL("second", ab->witness->scenario.c_str());
  STRCMP_EQUAL("s/second.json", ab->witness->file.c_str());
  LONGS_EQUAL(0, ab->witness->preemptions);
  LONGS_EQUAL(9, ab->witness->steps);
  LONGS_EQUAL(4, ab->witness->executions);
  STRCMP_EQUAL("first", find_edge(v65, "b", "a")->witness->scenario.c_str());
  CHECK_FALSE(ab->primed);
  const GraphEdge* primed = find_edge(v65, "mmap_lock", kResv);
  CHECK(primed->primed);
  CHECK_FALSE(primed->witness.has_value());
}

TEST(LockGraphFile, JsonHasOneEdgePerLineAndReadsBack) {
  const LockGraphFile g =
      build_lock_graph_file({with_edges("s", Version::v6_10, {edge("a", "b", 1, 6, 3)})});
  STRCMP_EQUAL(
      "{\n"
      "  \"format\": \"resvcheck-lockgraph\",\n"
      "  \"format_version\": 1,\n"
      "  \"versions\": {\n"
      "    \"v6.10\": [\n"
      "      {\"from\": \"a\", \"to\": \"b\", \"primed\": false, \"witness\": {\"scenario\": "
      "\"s\", "
      "\"file\": \"s/s.json\", \"executions\": 3, \"preemptions\": 1, \"steps\": 6}},\n"
      "      {\"from\": \"mmap_lock\", \"to\": \"reservation_ww_class_acquire\", \"primed\": true, "
      "\"witness\": null},\n"
      "      {\"from\": \"mmap_lock\", \"to\": \"reservation_ww_class_mutex\", \"primed\": true, "
      "\"witness\": null},\n"
      "      {\"from\": \"reservation_ww_class_acquire\", \"to\": \"reservation_ww_class_mutex\", "
      "\"primed\": true, \"witness\": null},\n"
      "      {\"from\": \"reservation_ww_class_mutex\", \"to\": \"fs_reclaim\", \"primed\": true, "
      "\"witness\": null}\n"
      "    ]\n"
      "  }\n"
      "}\n",
      lock_graph_json(g).c_str());

  const LockGraphFile big = new_graph();
  const LockGraphRead read = parse_lock_graph(lock_graph_json(big));
  CHECK(read.problems.empty());
  LONGS_EQUAL(big.versions.size(), read.graph->versions.size());
  for (size_t v = 0; v < big.versions.size(); ++v) {
    CHECK(big.versions[v].version == read.graph->versions[v].version);
    CHECK(big.versions[v].edges == read.graph->versions[v].edges);
  }
  STRCMP_EQUAL(lock_graph_json(big).c_str(), lock_graph_json(*read.graph).c_str());
  STRCMP_EQUAL(
      "{\n  \"format\": \"resvcheck-lockgraph\",\n  \"format_version\": 1,\n"
      "  \"versions\": {}\n}\n",
      lock_graph_json({}).c_str());
}

TEST(LockGraphFile, WitnessThreadAndCallsAreWrittenWhenKnown) {
  LockGraphFile g = build_lock_graph_file({with_edges("s", Version::v6_5, {edge("a", "b")})});
  EdgeWitness& w = *g.versions[0].edges[0].witness;
  w.thread = "t1";
  w.calls = {"drm_gem_shmem_pin(bo)"};
  w.held = {"a"};
  const std::string json = lock_graph_json(g);
  CHECK(json.find("\"steps\": 4, \"thread\": \"t1\", \"calls\": [\"drm_gem_shmem_pin(bo)\"], "
                  "\"held\": [\"a\"]}}") != std::string::npos);
  const LockGraphRead read = parse_lock_graph(json);
  CHECK(read.graph->versions[0].edges == g.versions[0].edges);
}

TEST(LockGraphFile, ReadErrorsNameThePointerAndWhatWasExpected) {
  STRCMP_EQUAL("/format: expected \"resvcheck-lockgraph\", found \"resvcheck-report\"",
               first_problem(R"({"format": "resvcheck-report", "format_version": 1})").c_str());
  STRCMP_EQUAL(
      "/format_version: expected format_version 1 (the only one this build reads), found 2",
      first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 2, "versions": {}})")
          .c_str());
  STRCMP_EQUAL("/versions/v9: expected a helper version (v6.4, v6.5, v6.10, v6.16), found \"v9\"",
               first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 1,
                                 "versions": {"v9": []}})")
                   .c_str());
  STRCMP_EQUAL("/versions/v6.5/1/from: expected a lock class name, found 3",
               first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 1,
                 "versions": {"v6.5": [
                   {"from": "a", "to": "b", "primed": true, "witness": null},
                   {"from": 3, "to": "b", "primed": true, "witness": null}]}})")
                   .c_str());
  STRCMP_EQUAL("/versions/v6.5/0/witness/steps: expected a count, found nothing",
               first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 1,
                 "versions": {"v6.5": [{"from": "a", "to": "b", "primed": false,
                   "witness": {"scenario": "s", "file": "f", "executions": 1,
                               "preemptions": 0}}]}})")
                   .c_str());
  STRCMP_EQUAL(
      "/versions/v6.5/0/witness: expected a witness object for an edge that is not "
      "primed, found null",
      first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 1,
                 "versions": {"v6.5": [{"from": "a", "to": "b", "primed": false,
                                        "witness": null}]}})")
          .c_str());
  STRCMP_EQUAL("/versions/v6.5: expected each edge once, found a -> b twice",
               first_problem(R"({"format": "resvcheck-lockgraph", "format_version": 1,
                 "versions": {"v6.5": [
                   {"from": "a", "to": "b", "primed": true, "witness": null},
                   {"from": "a", "to": "b", "primed": true, "witness": null}]}})")
                   .c_str());
  CHECK(first_problem("{\"format\": ").rfind("line 1, column ", 0) == 0);
  STRCMP_EQUAL(": expected a resvcheck-lockgraph object, found an array",
               first_problem("[]").c_str());
}

TEST(LockGraphFile, FilesByExtensionAndProblemsText) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "resvcheck-lock-graph-file-test";
  std::filesystem::create_directories(dir);
  const LockGraphFile g = new_graph();
  CHECK_FALSE(write_lock_graph_file(dir / "g.json", g).has_value());
  CHECK_FALSE(write_lock_graph_file(dir / "g.dot", g).has_value());
  const LockGraphRead read = read_lock_graph_file(dir / "g.json");
  CHECK(read.graph.has_value());
  std::ifstream dot_in(dir / "g.dot");
  std::stringstream dot;
  dot << dot_in.rdbuf();
  CHECK(dot.str().rfind("// resvcheck lock-order graph", 0) == 0);
  const LockGraphRead missing = read_lock_graph_file(dir / "missing.json");
  CHECK_FALSE(missing.graph.has_value());
  const std::string text = problems_text(dir / "missing.json", missing.problems);
  CHECK(text.find("missing.json: cannot read the file") != std::string::npos);
  const LockGraphRead bad_dot = read_lock_graph_file(dir / "g.dot");
  CHECK(problems_text("g.dot", bad_dot.problems).rfind("g.dot: line 1, column ", 0) == 0);
  std::filesystem::remove_all(dir);
}

TEST(LockGraphFile, DotMarksCyclesAndPrimedEdges) {
  const std::string dot = lock_graph_dot(new_graph());
  CHECK(dot.find("digraph lockgraph {") != std::string::npos);
  CHECK(dot.find("subgraph \"cluster_v6.5\" {") != std::string::npos);
  CHECK(dot.find("subgraph \"cluster_v6.16\" {") != std::string::npos);
  CHECK(dot.find("\"v6.5:a\" -> \"v6.5:b\" [label=\"x\", color=red, fontcolor=red];") !=
        std::string::npos);
  CHECK(dot.find("\"v6.5:mmap_lock\" -> \"v6.5:reservation_ww_class_mutex\" [style=dashed];") !=
        std::string::npos);
}

TEST(LockGraphFile, CyclesOfAVersion) {
  const LockGraphFile g = new_graph();
  const auto cycles = graph_cycles(g.versions[0]);
  LONGS_EQUAL(1, cycles.size());
  STRCMP_EQUAL("a -> b -> a", model::cycle_text(cycles[0]).c_str());
  LONGS_EQUAL(0, graph_cycles(g.versions[1]).size());
}

TEST_GROUP(LockGraphDiff){};

TEST(LockGraphDiff, NewAndRemovedEdgesAndNewCyclesPerVersion) {
  const LockGraphDiff d = compare_lock_graphs(old_graph(), new_graph());
  LONGS_EQUAL(3, d.versions.size());
  // v6.4: only in OLD, not compared.
  CHECK(d.versions[0].version == Version::v6_4);
  CHECK(d.versions[0].in_old && !d.versions[0].in_new);
  CHECK(d.versions[0].removed_edges.empty());
  // v6.5: b -> a is new and closes a cycle; c -> d is gone.
  const VersionDiff& v65 = d.versions[1];
  LONGS_EQUAL(1, v65.new_edges.size());
  STRCMP_EQUAL("b", v65.new_edges[0].from.c_str());
  LONGS_EQUAL(1, v65.removed_edges.size());
  STRCMP_EQUAL("c", v65.removed_edges[0].from.c_str());
  LONGS_EQUAL(1, v65.new_cycles.size());
  // v6.16: not in OLD; only primed edges, which are never new.
  CHECK(!d.versions[2].in_old && d.versions[2].in_new);
  CHECK(d.versions[2].new_edges.empty());
  LONGS_EQUAL(1, d.new_edges());
  LONGS_EQUAL(1, d.removed_edges());
  LONGS_EQUAL(1, d.new_cycles());
  CHECK(lock_graph_regressed(d, false));

  std::ostringstream out;
  write_lock_graph_diff(out, d, false);
  STRCMP_EQUAL(
      "v6.4: only in the old graph (not checked in the new one): not compared\n"
      "v6.5: 1 new edge, 1 removed edge, 1 new cycle\n"
      "  new cycle: a -> b -> a\n"
      "  + b -> a  (witness: x in s/x.json; 0 preemptions, 4 steps; seen in 1 execution)\n"
      "  - c -> d  (witness: x in s/x.json; 0 preemptions, 4 steps; seen in 1 execution)\n"
      "v6.16: no change\n"
      "lock-order graph: 1 new edge, 1 removed edge, 1 new cycle: FAIL: 1 new cycle (possible "
      "circular locking dependency)\n",
      out.str().c_str());
}

TEST(LockGraphDiff, NewEdgesFailOnlyWhenAsked) {
  const LockGraphFile before = build_lock_graph_file({with_edges("x", Version::v6_5, {})});
  const LockGraphFile after =
      build_lock_graph_file({with_edges("x", Version::v6_5, {edge("a", "b")})});
  const LockGraphDiff d = compare_lock_graphs(before, after);
  LONGS_EQUAL(1, d.new_edges());
  LONGS_EQUAL(0, d.new_cycles());
  CHECK_FALSE(lock_graph_regressed(d, false));
  CHECK(lock_graph_regressed(d, true));
  std::ostringstream out;
  write_lock_graph_diff(out, d, true);
  CHECK(out.str().find("FAIL: 1 new edge (--fail-on-new-edges)\n") != std::string::npos);
  // The same graph on both sides: no change at all.
  const LockGraphDiff same = compare_lock_graphs(after, after);
  LONGS_EQUAL(0, same.new_edges() + same.removed_edges() + same.new_cycles());
  std::ostringstream none;
  write_lock_graph_diff(none, same, true);
  STRCMP_EQUAL(
      "v6.5: no change\nlock-order graph: 0 new edges, 0 removed edges, 0 new cycles: OK\n",
      none.str().c_str());
}

TEST(LockGraphDiff, ACycleAcrossTwoScenarioFilesIsTheBaselineGatesJob) {
  // Each scenario takes the driver mutexes in one order only: neither has a lock_order finding,
  // but the union of the run has the cycle a -> b -> a.
  const auto scenario = [](const std::string& name, const char* first, const char* second) {
    return R"({"name": ")" + name + R"(", "objects": [{"name": "bo", "type": "shmem"}],
        "locks": [{"name": "a"}, {"name": "b"}], "versions": ["v6.5"],
        "threads": [{"name": "t", "ops": [{"call": "mutex_lock", "lock": ")" +
           first + R"("}, {"call": "mutex_lock", "lock": ")" + second +
           R"("}, {"call": "mutex_unlock", "lock": ")" + second +
           R"("}, {"call": "mutex_unlock", "lock": ")" + first + R"("}]}]})";
  };
  CheckResult ab = scenarios::check_text(scenario("ab", "a", "b"));
  ab.scenario = "ab";
  CHECK(ab.found.empty());
  const LockGraphFile baseline = build_lock_graph_file({ab});
  CheckResult ba = scenarios::check_text(scenario("ba", "b", "a"));
  ba.scenario = "ba";
  CHECK(ba.found.empty());
  const LockGraphFile run = build_lock_graph_file({ab, ba});
  const VersionGraph& v65 = run.versions[0];
  STRCMP_EQUAL("ab", find_edge(v65, "a", "b")->witness->scenario.c_str());
  STRCMP_EQUAL("ba", find_edge(v65, "b", "a")->witness->scenario.c_str());
  const BaselineGate gate = baseline_gate(run, baseline, false);
  CHECK(gate.failed);
  LONGS_EQUAL(1, gate.diff.new_cycles());
  LONGS_EQUAL(1, gate.diff.new_edges());
  CHECK_FALSE(baseline_gate(run, run, true).failed);
}

TEST(LockGraphDiff, BaselineGate) {
  const BaselineGate cycle = baseline_gate(new_graph(), old_graph(), false);
  CHECK(cycle.failed);
  LONGS_EQUAL(1, cycle.diff.new_cycles());
  const BaselineGate clean = baseline_gate(old_graph(), old_graph(), true);
  CHECK_FALSE(clean.failed);
  // A cycle already in the baseline is accepted.
  const BaselineGate accepted = baseline_gate(new_graph(), new_graph(), true);
  CHECK_FALSE(accepted.failed);
}

}  // namespace resvcheck::traces
