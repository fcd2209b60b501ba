#include "scheduler/witnesses.h"

#include <tuple>

#include "scheduler/normal_form.h"
#include "scheduler/replay_strategy.h"

namespace resvcheck::sched {

Witnesses::Witnesses(const Program& program, const Config& config, StackPool& pool)
    : program_(program), replayer_(pool, config) {}

bool Witnesses::may_improve(const Entry& e, uint32_t steps) const {
  return !e.has_witness || e.summary.preemptions > 0 || steps <= e.summary.steps;
}

std::optional<std::string> Witnesses::add(const Execution& execution) {
  uint32_t present = 0;
  bool improve = false;
  const uint32_t steps = execution.operations();
  for (const Finding& f : execution.findings()) {
    Entry& e = kinds_[static_cast<size_t>(f.kind)];
    e.seen = true;
    e.summary.kind = f.kind;
    e.sites.insert(f.site);
    const uint32_t bit = 1u << static_cast<uint32_t>(f.kind);
    if (present & bit) continue;
    present |= bit;
    ++e.summary.executions;
    improve = improve || may_improve(e, steps);
  }
  if (!improve) return std::nullopt;

  const Schedule nf = normal_form(execution.trace());
  ReplayStrategy follow(nf);
  const ExecutionEnd end = replayer_.run(program_, follow);
  if (end == ExecutionEnd::overflow || follow.divergence())
    return "nondeterministic model: the normal form of an execution does not replay (" +
           follow.divergence().value_or("fiber stack overflow") + ")";
  for (size_t k = 0; k < kinds_.size(); ++k) {
    if (!(present & (1u << k))) continue;
    Entry& e = kinds_[k];
    const uint32_t p = follow.preemptions();
    const uint32_t s = replayer_.operations();
    if (e.has_witness &&
        std::tie(p, s, nf) >= std::tie(e.summary.preemptions, e.summary.steps, e.summary.witness))
      continue;
    const Finding* found = nullptr;
    for (const Finding& f : replayer_.findings())
      if (static_cast<size_t>(f.kind) == k) {
        found = &f;
        break;
      }
    if (found == nullptr)
      return "nondeterministic model: the normal form of an execution lost its " +
             std::string(kFindingKindNames[k]) + " finding";
    e.has_witness = true;
    e.summary.witness = nf;
    e.summary.preemptions = p;
    e.summary.steps = s;
    e.summary.finding = *found;
    e.summary.thread_name = std::string(replayer_.thread_name(found->thread));
  }
  return std::nullopt;
}

std::vector<KindSummary> Witnesses::take() {
  std::vector<KindSummary> out;
  for (Entry& e : kinds_) {
    if (!e.seen) continue;
    e.summary.sites = e.sites.size();
    out.push_back(std::move(e.summary));
  }
  return out;
}

}  // namespace resvcheck::sched
