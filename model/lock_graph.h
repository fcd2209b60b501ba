// The lock-order graph of one exploration (cli-and-traces.md, "Lock-order graph"): lockdep's
// class dependency graph as the union of the edges the explored executions showed (observations
// keyed by lock_edge_key), plus the order dma_resv_lockdep() primes at boot. A cycle in it is the
// lock_order finding ("possible circular locking dependency"), whether or not any execution
// deadlocked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scheduler/explorer.h"

namespace resvcheck::model {

struct LockEdge {
  std::string from;
  std::string to;
  bool primed = false;  // part of the boot order dma_resv_lockdep() primes
  /// The executions that showed the edge, with their witness; none for an edge only primed.
  std::optional<sched::ObservationSummary> seen = std::nullopt;
};

/// A cycle of classes, rotated to start at its smallest class: {"a", "b"} is a -> b -> a.
using LockCycle = std::vector<std::string>;

class LockGraph {
 public:
  /// From an exploration's observations (keys other than lock edges are ignored).
  explicit LockGraph(const std::vector<sched::ObservationSummary>& observations);

  /// Every edge once, sorted by (from, to): the listing reports and baselines print.
  const std::vector<LockEdge>& edges() const { return edges_; }
  /// The distinct cycles: for each edge in order, the shortest path back to its source closes
  /// one (ties broken by class name); each cycle is listed once, where it is first found.
  std::vector<LockCycle> cycles() const;

 private:
  std::vector<LockEdge> edges_;
};

/// Whether e (from -> to) is one of the cycle's edges.
bool on_cycle(const LockCycle& cycle, const LockEdge& e);

/// "a -> b -> a".
std::string cycle_text(const LockCycle& cycle);

/// The lock_order finding of the graph, from its first cycle: the witness is that of the cycle's
/// first edge (in (from, to) order) that some execution showed; `sites` counts the cycles. None
/// when the graph has no cycle (or, which priming alone cannot produce, no witnessed edge on it).
std::optional<sched::KindSummary> lock_order_finding(const LockGraph& graph);

}  // namespace resvcheck::model
