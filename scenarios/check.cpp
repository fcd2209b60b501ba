#include "scenarios/check.h"

#include <algorithm>

#include "model/lock_graph.h"
#include "model/lockdep.h"
#include "scenarios/program_builder.h"

namespace resvcheck::scenarios {
namespace {

/// lock_order is a property of the whole exploration, not of one execution: the engine cannot
/// raise it, so it joins the findings here, from the union of the lock-order edges.
void add_lock_order(sched::ExplorationResult& exploration) {
  auto k = model::lock_order_finding(model::LockGraph(exploration.observations));
  if (!k) return;
  auto& findings = exploration.findings;
  const auto at = std::find_if(findings.begin(), findings.end(), [](const sched::KindSummary& f) {
    return f.kind > sched::FindingKind::lock_order;
  });
  findings.insert(at, std::move(*k));
}

/// The witnessed edge of the lock_order finding: the cycle's first edge whose witness it took.
std::string witnessed_edge(const sched::ExplorationResult& exploration,
                           const sched::KindSummary& k) {
  const model::LockGraph graph(exploration.observations);
  const auto cycles = graph.cycles();
  if (cycles.empty()) return {};
  for (const model::LockEdge& e : graph.edges())
    if (e.seen && e.seen->witness == k.witness && model::on_cycle(cycles.front(), e))
      return e.seen->key;
  return {};
}

WitnessReplay replay_witness(const sched::Program& program, const sched::ExplorationResult& x,
                             const sched::KindSummary& k, const sched::Config& config) {
  WitnessReplay w;
  w.run = sched::replay(program, k.witness, config);
  if (k.kind == sched::FindingKind::lock_order) {
    w.edge = witnessed_edge(x, k);
    for (size_t i = 0; i < w.run.observations.size(); ++i)
      if (w.run.observations[i].key == w.edge) {
        w.step = w.run.observations[i].step;
        w.observed = i;
        break;
      }
    return w;
  }
  for (size_t i = 0; i < w.run.findings.size(); ++i) {
    const sched::Finding& f = w.run.findings[i];
    if (f.kind == k.kind && f.step == k.finding.step) {
      w.step = f.step;
      w.raised = i;
      break;
    }
  }
  return w;
}

/// Replays the witness of every lock-order edge to see which thread took it, in which call,
/// holding what (the lock graph's witnesses name them).
std::map<std::string, EdgeTaker, std::less<>> edge_takers(const sched::Program& program,
                                                          const sched::ExplorationResult& x,
                                                          const sched::Config& config) {
  std::map<std::string, EdgeTaker, std::less<>> out;
  for (const sched::ObservationSummary& o : x.observations) {
    if (!model::parse_lock_edge_key(o.key)) continue;
    const sched::ReplayResult run = sched::replay(program, o.witness, config);
    for (const sched::StepObservation& seen : run.observations)
      if (seen.key == o.key) {
        out[o.key] = {run.thread_names[seen.thread], seen.view};
        break;
      }
  }
  return out;
}

}  // namespace

CheckResult check(const Scenario& scenario, std::string file, const VersionCheck& version,
                  const sched::Config& config) {
  const sched::Program program = build_program(scenario, version.version);
  sched::ExplorationResult exploration = sched::explore(program, config);
  std::vector<WitnessReplay> witnesses;
  std::map<std::string, EdgeTaker, std::less<>> takers;
  if (!exploration.error) {
    add_lock_order(exploration);
    for (const sched::KindSummary& k : exploration.findings)
      witnesses.push_back(replay_witness(program, exploration, k, config));
    takers = edge_takers(program, exploration, config);
  }
  KindSet found;
  for (const sched::KindSummary& k : exploration.findings) found.insert(k.kind);
  const Status status = exploration.error
                            ? Status::error
                            : judge(version.expected, found, exploration.stats.complete);
  return {.scenario = scenario.name,
          .file = std::move(file),
          .version = version.version,
          .expected = version.expected,
          .found = found,
          .status = status,
          .exploration = std::move(exploration),
          .witnesses = std::move(witnesses),
          .edge_takers = std::move(takers)};
}

}  // namespace resvcheck::scenarios
