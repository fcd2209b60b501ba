#include "traces/lock_graph_diff.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <tuple>

namespace resvcheck::traces {
namespace {

bool before(const GraphEdge& a, const GraphEdge& b) {
  return std::tie(a.from, a.to) < std::tie(b.from, b.to);
}

/// The edges of `a` that `b` lacks (both sorted by (from, to)).
std::vector<GraphEdge> minus(const std::vector<GraphEdge>& a, const std::vector<GraphEdge>& b) {
  std::vector<GraphEdge> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), before);
  return out;
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string edge_text(const GraphEdge& e) {
  std::string text = e.from + " -> " + e.to;
  if (e.witness) {
    const EdgeWitness& w = *e.witness;
    text += fmt::format("  (witness: {} in {}; {}, {}; seen in {})", w.scenario, w.file,
                        plural(w.preemptions, "preemption"), plural(w.steps, "step"),
                        plural(w.executions, "execution"));
  } else if (e.primed) {
    text += "  (primed at boot)";
  }
  return text;
}

template <typename F>
size_t sum(const LockGraphDiff& d, F f) {
  size_t n = 0;
  for (const VersionDiff& v : d.versions) n += f(v);
  return n;
}

}  // namespace

size_t LockGraphDiff::new_edges() const {
  return sum(*this, [](const VersionDiff& v) { return v.new_edges.size(); });
}
size_t LockGraphDiff::removed_edges() const {
  return sum(*this, [](const VersionDiff& v) { return v.removed_edges.size(); });
}
size_t LockGraphDiff::new_cycles() const {
  return sum(*this, [](const VersionDiff& v) { return v.new_cycles.size(); });
}

LockGraphDiff compare_lock_graphs(const LockGraphFile& old_graph, const LockGraphFile& new_graph) {
  LockGraphDiff diff;
  static const VersionGraph kEmpty;
  for (model::Version v : model::kAllVersions) {
    const VersionGraph* o = old_graph.find(v);
    const VersionGraph* n = new_graph.find(v);
    if (!o && !n) continue;
    VersionDiff& d = diff.versions.emplace_back();
    d.version = v;
    d.in_old = o != nullptr;
    d.in_new = n != nullptr;
    if (!n) continue;  // not checked in NEW: nothing to compare
    const VersionGraph& old_v = o ? *o : kEmpty;
    for (GraphEdge& e : minus(n->edges, old_v.edges))
      if (e.witness || !e.primed) d.new_edges.push_back(std::move(e));
    d.removed_edges = minus(old_v.edges, n->edges);
    const std::vector<model::LockCycle> old_cycles = graph_cycles(old_v);
    for (model::LockCycle& c : graph_cycles(*n))
      if (std::find(old_cycles.begin(), old_cycles.end(), c) == old_cycles.end())
        d.new_cycles.push_back(std::move(c));
  }
  return diff;
}

bool lock_graph_regressed(const LockGraphDiff& diff, bool fail_on_new_edges) {
  return diff.new_cycles() > 0 || (fail_on_new_edges && diff.new_edges() > 0);
}

void write_lock_graph_diff(std::ostream& out, const LockGraphDiff& diff, bool fail_on_new_edges) {
  for (const VersionDiff& v : diff.versions) {
    const std::string_view name = model::version_name(v.version);
    if (!v.in_new) {
      fmt::print(out, "{}: only in the old graph (not checked in the new one): not compared\n",
                 name);
      continue;
    }
    if (v.new_edges.empty() && v.removed_edges.empty() && v.new_cycles.empty()) {
      fmt::print(out, "{}: no change\n", name);
      continue;
    }
    fmt::print(out, "{}: {}, {}, {}{}\n", name, plural(v.new_edges.size(), "new edge"),
               plural(v.removed_edges.size(), "removed edge"),
               plural(v.new_cycles.size(), "new cycle"),
               v.in_old ? "" : " (not in the old graph: compared with an empty one)");
    for (const model::LockCycle& c : v.new_cycles)
      fmt::print(out, "  new cycle: {}\n", model::cycle_text(c));
    for (const GraphEdge& e : v.new_edges) fmt::print(out, "  + {}\n", edge_text(e));
    for (const GraphEdge& e : v.removed_edges) fmt::print(out, "  - {}\n", edge_text(e));
  }
  const size_t cycles = diff.new_cycles(), added = diff.new_edges();
  std::string verdict = "OK";
  if (cycles > 0)
    verdict =
        fmt::format("FAIL: {} (possible circular locking dependency)", plural(cycles, "new cycle"));
  else if (fail_on_new_edges && added > 0)
    verdict = fmt::format("FAIL: {} (--fail-on-new-edges)", plural(added, "new edge"));
  fmt::print(out, "lock-order graph: {}, {}, {}: {}\n", plural(added, "new edge"),
             plural(diff.removed_edges(), "removed edge"), plural(cycles, "new cycle"), verdict);
}

BaselineGate baseline_gate(const LockGraphFile& run, const LockGraphFile& baseline,
                           bool fail_on_new_edges) {
  BaselineGate gate;
  gate.diff = compare_lock_graphs(baseline, run);
  gate.failed = lock_graph_regressed(gate.diff, fail_on_new_edges);
  return gate;
}

}  // namespace resvcheck::traces
