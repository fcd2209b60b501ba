// Comparing two lock-order graph files (cli-and-traces.md, "Lock-order graph"): what
// `resvcheck lockgraph OLD NEW` prints and what `check --baseline FILE` gates on. Per helper
// version: the edges NEW has and OLD lacks, the edges OLD has and NEW lacks, and the cycles of NEW
// that OLD does not have. A new cycle is a regression ("possible circular locking dependency"
// that the baseline did not accept); with `fail_on_new_edges` so is any new edge.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "traces/lock_graph_file.h"

namespace resvcheck::traces {

struct VersionDiff {
  model::Version version = model::Version::v6_4;
  bool in_old = false;                       // OLD has a graph for this version
  bool in_new = false;                       // NEW has a graph for this version
  std::vector<GraphEdge> new_edges;          // NEW's edges (with NEW's witness) OLD lacks
  std::vector<GraphEdge> removed_edges;      // OLD's edges (with OLD's witness) NEW lacks
  std::vector<model::LockCycle> new_cycles;  // NEW's cycles OLD does not have
};

struct LockGraphDiff {
  /// Every version either file has, in release order. A version NEW lacks (not checked in that
  /// run) is listed with no changes: its edges are not "removed". A version OLD lacks is
  /// compared with an empty graph, but an edge only primed is never new.
  std::vector<VersionDiff> versions;
  size_t new_edges() const;
  size_t removed_edges() const;
  size_t new_cycles() const;
};

LockGraphDiff compare_lock_graphs(const LockGraphFile& old_graph, const LockGraphFile& new_graph);

/// Whether the difference fails the gate: a new cycle, or any new edge with `fail_on_new_edges`.
bool lock_graph_regressed(const LockGraphDiff& diff, bool fail_on_new_edges);

/// The comparison as people read it: per version with a change, its new edges (with their
/// witness), removed edges and new cycles; then a summary line and the verdict.
void write_lock_graph_diff(std::ostream& out, const LockGraphDiff& diff, bool fail_on_new_edges);

/// The `check --baseline FILE` gate: the run's graph against the baseline's.
struct BaselineGate {
  LockGraphDiff diff;
  bool failed = false;  // exit status 1 ("a regression")
};
BaselineGate baseline_gate(const LockGraphFile& run, const LockGraphFile& baseline,
                           bool fail_on_new_edges);

}  // namespace resvcheck::traces
