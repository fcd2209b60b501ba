// The lock-order graph of an exploration: its edges (observed and primed, sorted), its cycles
// (shortest, canonical, each once) and the lock_order finding it gives.
#include "model/lock_graph.h"

#include <string>
#include <vector>

#include "model/lockdep.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

/// An edge some executions showed; `steps` tells the witnesses apart.
sched::ObservationSummary seen(const std::string& from, const std::string& to, uint32_t steps,
                               uint64_t executions = 1) {
  return {.key = lock_edge_key(from, to),
          .witness = {sched::Decision::thread(0)},
          .preemptions = 0,
          .steps = steps,
          .executions = executions};
}

/// "a -> b, b -> a*" (* marks a primed edge).
std::string edges(const LockGraph& g) {
  std::string out;
  for (const LockEdge& e : g.edges())
    out += (out.empty() ? "" : ", ") + e.from + " -> " + e.to + (e.primed ? "*" : "");
  return out;
}

/// "a -> b -> a; b -> c -> b".
std::string cycles(const LockGraph& g) {
  std::string out;
  for (const LockCycle& c : g.cycles()) out += (out.empty() ? "" : "; ") + cycle_text(c);
  return out;
}

}  // namespace

TEST_GROUP(LockGraph){};

TEST(LockGraph, TheBootPrimingIsAlwaysThereWithoutWitness) {
  const LockGraph g({});
  STRCMP_EQUAL(
      "mmap_lock -> reservation_ww_class_acquire*, mmap_lock -> reservation_ww_class_mutex*, "
      "reservation_ww_class_acquire -> reservation_ww_class_mutex*, reservation_ww_class_mutex -> "
      "fs_reclaim*",
      edges(g).c_str());
  CHECK_FALSE(g.edges()[0].seen.has_value());
  STRCMP_EQUAL("", cycles(g).c_str());
  CHECK_FALSE(lock_order_finding(g).has_value());
}

TEST(LockGraph, EdgesAreSortedAndOtherKeysIgnored) {
  std::vector<sched::ObservationSummary> observed = {seen("b", "c", 3), seen("a", "b", 2)};
  sched::ObservationSummary other;
  other.key = "something else";
  observed.push_back(other);
  observed.push_back(seen(std::string(lock_class::mmap_lock), std::string(lock_class::resv), 5));
  const LockGraph g(observed);
  STRCMP_EQUAL(
      "a -> b, b -> c, mmap_lock -> reservation_ww_class_acquire*, mmap_lock -> "
      "reservation_ww_class_mutex*, reservation_ww_class_acquire -> reservation_ww_class_mutex*, "
      "reservation_ww_class_mutex -> fs_reclaim*",
      edges(g).c_str());
  // Observed and primed: both marks.
  CHECK_TRUE(g.edges()[3].primed);
  UNSIGNED_LONGS_EQUAL(5, g.edges()[3].seen->steps);
}

TEST(LockGraph, OppositeOrdersAreOneCycle) {
  const LockGraph g({seen("b", "a", 7, 2), seen("a", "b", 4, 3)});
  STRCMP_EQUAL("a -> b -> a", cycles(g).c_str());
  const auto k = lock_order_finding(g);
  CHECK_TRUE(k.has_value());
  CHECK_TRUE(k->kind == sched::FindingKind::lock_order);
  STRCMP_EQUAL("possible circular locking dependency: a -> b -> a", k->finding.message.c_str());
  // The witness of a -> b, the cycle's first edge.
  UNSIGNED_LONGS_EQUAL(4, k->steps);
  UNSIGNED_LONGS_EQUAL(3, k->executions);
  UNSIGNED_LONGS_EQUAL(1, k->sites);
  LONGS_EQUAL(1, k->witness.size());
  STRCMP_EQUAL("", k->thread_name.c_str());
}

TEST(LockGraph, ADagHasNoCycle) {
  const LockGraph g({seen("a", "b", 1), seen("b", "c", 1), seen("a", "c", 1)});
  STRCMP_EQUAL("", cycles(g).c_str());
  CHECK_FALSE(lock_order_finding(g).has_value());
}

TEST(LockGraph, ACycleIsFoundOnceAndStartsAtItsSmallestClass) {
  for (const auto& observed : std::vector<std::vector<sched::ObservationSummary>>{
           {seen("c", "a", 1), seen("b", "c", 1), seen("a", "b", 1)},
           {seen("a", "b", 1), seen("c", "a", 1), seen("b", "c", 1)}})
    STRCMP_EQUAL("a -> b -> c -> a", cycles(LockGraph(observed)).c_str());
}

TEST(LockGraph, EachEdgeClosesItsShortestCycle) {
  // a -> b closes a -> b -> a (via b -> a), not the longer a -> b -> c -> a.
  const LockGraph g({seen("a", "b", 1), seen("b", "c", 1), seen("c", "a", 1), seen("b", "a", 1)});
  STRCMP_EQUAL("a -> b -> a; a -> b -> c -> a", cycles(g).c_str());
  UNSIGNED_LONGS_EQUAL(2, lock_order_finding(g)->sites);
}

TEST(LockGraph, DisjointCyclesCountAsSites) {
  const LockGraph g({seen("a", "b", 1), seen("b", "a", 1), seen("c", "d", 1), seen("d", "c", 1)});
  STRCMP_EQUAL("a -> b -> a; c -> d -> c", cycles(g).c_str());
  const auto k = lock_order_finding(g);
  STRCMP_EQUAL("possible circular locking dependency: a -> b -> a", k->finding.message.c_str());
  UNSIGNED_LONGS_EQUAL(2, k->sites);
}

TEST(LockGraph, ACycleThroughThePrimingTakesTheWitnessOfAnObservedEdge) {
  // Taking mmap_lock under the resv inverts the boot order; the primed edge sorts first but has
  // no witness.
  const LockGraph g({seen(std::string(lock_class::resv), std::string(lock_class::mmap_lock), 9)});
  STRCMP_EQUAL(
      "mmap_lock -> reservation_ww_class_acquire -> reservation_ww_class_mutex -> mmap_lock; "
      "mmap_lock -> reservation_ww_class_mutex -> mmap_lock",
      cycles(g).c_str());
  const auto k = lock_order_finding(g);
  CHECK_TRUE(k.has_value());
  UNSIGNED_LONGS_EQUAL(9, k->steps);
}

}  // namespace resvcheck::model
