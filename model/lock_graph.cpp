#include "model/lock_graph.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <utility>

#include "model/lockdep.h"

namespace resvcheck::model {
namespace {

using Pair = std::pair<std::string, std::string>;

/// dma_resv_lockdep() at boot: mmap_lock -> reservation_ww_class_mutex -> fs_reclaim.
// dma_resv_lockdep() takes, under mmap_read_lock, an acquire context, a resv lock with it, then
// fs_reclaim: the spec's mmap_lock -> resv -> fs_reclaim, and the context in between.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kPrimed = {{
    {lock_class::mmap_lock, lock_class::resv},
    {lock_class::resv, lock_class::fs_reclaim},
    {lock_class::mmap_lock, lock_class::resv_acquire},
    {lock_class::resv_acquire, lock_class::resv},
}};

/// The shortest path from `start` to `goal` (both included), visiting successors in edge
/// order; empty if there is none.
std::vector<size_t> shortest_path(const std::vector<std::vector<size_t>>& next, size_t start,
                                  size_t goal) {
  constexpr size_t kUnseen = SIZE_MAX;
  std::vector<size_t> parent(next.size(), kUnseen);
  std::vector<size_t> queue = {start};
  parent[start] = start;
  for (size_t i = 0; i < queue.size() && parent[goal] == kUnseen; ++i)
    for (size_t n : next[queue[i]])
      if (parent[n] == kUnseen) {
        parent[n] = queue[i];
        queue.push_back(n);
      }
  if (parent[goal] == kUnseen) return {};
  std::vector<size_t> path = {goal};
  while (path.back() != start) path.push_back(parent[path.back()]);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace

bool on_cycle(const LockCycle& cycle, const LockEdge& e) {
  for (size_t i = 0; i < cycle.size(); ++i)
    if (cycle[i] == e.from && cycle[(i + 1) % cycle.size()] == e.to) return true;
  return false;
}

LockGraph::LockGraph(const std::vector<sched::ObservationSummary>& observations) {
  std::map<Pair, LockEdge> edges;  // sorted by (from, to)
  for (const auto& [from, to] : kPrimed)
    edges[{std::string(from), std::string(to)}] = {
        .from = std::string(from), .to = std::string(to), .primed = true};
  for (const sched::ObservationSummary& o : observations) {
    auto pair = parse_lock_edge_key(o.key);
    if (!pair) continue;
    LockEdge& e = edges[*pair];
    e.from = pair->first;
    e.to = pair->second;
    e.seen = o;
  }
  for (auto& [pair, edge] : edges) edges_.push_back(std::move(edge));
}

std::vector<LockCycle> LockGraph::cycles() const {
  // Classes as dense indexes in name order; successors in edge order.
  std::vector<std::string> names;
  for (const LockEdge& e : edges_) {
    names.push_back(e.from);
    names.push_back(e.to);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const auto index = [&names](const std::string& name) {
    return static_cast<size_t>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
  };
  std::vector<std::vector<size_t>> next(names.size());
  for (const LockEdge& e : edges_) next[index(e.from)].push_back(index(e.to));

  std::vector<LockCycle> out;
  for (const LockEdge& e : edges_) {
    // The edge from -> to closes a cycle with the shortest path to -> ... -> from.
    const std::vector<size_t> path = shortest_path(next, index(e.to), index(e.from));
    if (path.empty()) continue;
    LockCycle cycle = {e.from};
    for (size_t i = 0; i + 1 < path.size(); ++i) cycle.push_back(names[path[i]]);
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    if (std::find(out.begin(), out.end(), cycle) == out.end()) out.push_back(std::move(cycle));
  }
  return out;
}

std::string cycle_text(const LockCycle& cycle) {
  std::string out;
  for (const std::string& c : cycle) out += c + " -> ";
  return out + cycle.front();
}

std::optional<sched::KindSummary> lock_order_finding(const LockGraph& graph) {
  const std::vector<LockCycle> cycles = graph.cycles();
  if (cycles.empty()) return std::nullopt;
  const LockCycle& cycle = cycles.front();
  // graph.edges() is sorted, so the first witnessed edge of the cycle met there is the first
  // in (from, to) order.
  const LockEdge* witnessed = nullptr;
  for (const LockEdge& e : graph.edges()) {
    if (e.seen && on_cycle(cycle, e)) {
      witnessed = &e;
      break;
    }
  }
  if (!witnessed) return std::nullopt;
  const std::string text = cycle_text(cycle);
  sched::KindSummary k;
  k.kind = sched::FindingKind::lock_order;
  k.finding.kind = sched::FindingKind::lock_order;
  k.finding.message = "possible circular locking dependency: " + text;
  k.finding.site = text;
  k.witness = witnessed->seen->witness;
  k.preemptions = witnessed->seen->preemptions;
  k.steps = witnessed->seen->steps;
  k.sites = cycles.size();
  k.executions = witnessed->seen->executions;
  return k;
}

}  // namespace resvcheck::model
