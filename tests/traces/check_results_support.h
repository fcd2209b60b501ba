// Hand-built check results for the CI-format and lock-graph tests.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "model/lockdep.h"
#include "scenarios/check.h"

namespace resvcheck::traces::testing {

inline scenarios::KindSet kinds(std::initializer_list<sched::FindingKind> list) {
  scenarios::KindSet s;
  for (sched::FindingKind k : list) s.insert(k);
  return s;
}

inline sched::KindSummary finding(sched::FindingKind kind, std::vector<std::string> threads,
                                  std::string message) {
  sched::KindSummary k;
  k.kind = kind;
  k.finding.kind = kind;
  k.thread_name = threads.empty() ? "" : threads.front();
  k.thread_names = std::move(threads);
  k.finding.message = std::move(message);
  k.preemptions = 1;
  k.steps = 6;
  k.sites = 1;
  k.executions = 2;
  return k;
}

inline scenarios::CheckResult result(std::string scenario, std::string file, model::Version v,
                                     scenarios::Status status) {
  scenarios::CheckResult r;
  r.scenario = std::move(scenario);
  r.file = std::move(file);
  r.version = v;
  r.status = status;
  r.exploration.stats.executions = 3;
  r.exploration.stats.complete = status != scenarios::Status::incomplete;
  return r;
}

/// An observation of the lock-order edge from -> to.
inline sched::ObservationSummary edge(std::string_view from, std::string_view to,
                                      uint32_t preemptions = 0, uint32_t steps = 4,
                                      uint64_t executions = 1) {
  sched::ObservationSummary o;
  o.key = model::lock_edge_key(from, to);
  o.preemptions = preemptions;
  o.steps = steps;
  o.executions = executions;
  o.witness = {sched::Decision::thread(0), sched::Decision::thread(1)};
  return o;
}

/// The four results the JUnit and KTAP tests print: pass, fail, incomplete, error.
inline std::vector<scenarios::CheckResult> mixed_results() {
  using scenarios::Status;
  using sched::FindingKind;
  auto pass = result("abba", "catalog/mutex/abba.json", model::Version::v6_5, Status::pass);
  pass.expected = {kinds({FindingKind::deadlock}), {}, {}};
  pass.found = kinds({FindingKind::deadlock});
  pass.exploration.findings.push_back(
      finding(FindingKind::deadlock, {"t1", "t2"}, "threads 't1', 't2' wait on each other"));

  auto fail = result("vmap <&> \"balance\"", "catalog/shmem/vmap.json", model::Version::v6_16,
                     Status::fail);
  fail.expected = scenarios::Expectation::clean();
  fail.found = kinds({FindingKind::underflow});
  fail.exploration.findings.push_back(
      finding(FindingKind::underflow, {"unmapper"},
              "drm_gem_shmem_vunmap_locked: vmap_use_count of 'bo' decremented at 0 # <&>"));

  auto incomplete =
      result("big", "catalog/shmem/big.json", model::Version::v6_4, Status::incomplete);
  incomplete.expected = {kinds({FindingKind::deadlock}), {}, {}};
  incomplete.exploration.stopped_by = "max_executions";

  auto error = result("broken", "catalog/shmem/broken.json", model::Version::v6_10, Status::error);
  error.expected = scenarios::Expectation::clean();
  error.exploration.error = "fiber stack overflow in thread 't1'";
  return {pass, fail, incomplete, error};
}

}  // namespace resvcheck::traces::testing
