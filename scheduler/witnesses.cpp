#include "scheduler/witnesses.h"

#include <tuple>

#include "scheduler/normal_form.h"
#include "scheduler/replay_strategy.h"

namespace resvcheck::sched {

Witnesses::Witnesses(const Program& program, const Config& config, StackPool& pool)
    : program_(program), replayer_(pool, config) {}

bool Witnesses::mark(Entry& e) {
  if (e.last_seen == count_) return false;
  e.last_seen = count_;
  ++e.executions;
  shown_.push_back(&e);
  return true;
}

std::optional<std::string> Witnesses::add(const Execution& execution) {
  ++count_;
  shown_.clear();
  for (const Finding& f : execution.findings()) {
    Entry& e = kinds_[static_cast<size_t>(f.kind)];
    e.sites.insert(f.site);
    mark(e);
  }
  for (const std::string& key : execution.observations()) {
    auto it = observations_.find(key);
    if (it == observations_.end()) it = observations_.emplace(key, Entry{}).first;
    mark(it->second);
  }
  // Only an execution at most as long as a witness, or than one that needs preemptions, can
  // improve on it.
  const uint32_t steps = execution.operations();
  bool improve = false;
  for (const Entry* e : shown_)
    improve = improve || !e->has_witness || e->preemptions > 0 || steps <= e->steps;
  if (!improve) return std::nullopt;

  const Schedule nf = normal_form(execution.trace());
  ReplayStrategy follow(nf);
  const ExecutionEnd end = replayer_.run(program_, follow);
  if (end == ExecutionEnd::overflow || follow.divergence())
    return "nondeterministic model: the normal form of an execution does not replay (" +
           follow.divergence().value_or("fiber stack overflow") + ")";
  const uint32_t p = follow.preemptions();
  const uint32_t s = replayer_.operations();
  for (Entry* e : shown_) {
    if (e->has_witness && std::tie(p, s, nf) >= std::tie(e->preemptions, e->steps, e->witness))
      continue;
    const auto index = static_cast<size_t>(e - kinds_.data());
    if (index < kinds_.size()) {
      const Finding* found = nullptr;
      for (const Finding& f : replayer_.findings())
        if (static_cast<size_t>(f.kind) == index) {
          found = &f;
          break;
        }
      if (found == nullptr)
        return "nondeterministic model: the normal form of an execution lost its " +
               std::string(kFindingKindNames[index]) + " finding";
      e->finding = *found;
      e->thread_name = std::string(replayer_.thread_name(found->thread));
      e->thread_names.clear();
      for (ThreadId t : found->threads) e->thread_names.emplace_back(replayer_.thread_name(t));
    }
    e->has_witness = true;
    e->witness = nf;
    e->preemptions = p;
    e->steps = s;
  }
  return std::nullopt;
}

void Witnesses::merge_entry(Entry& into, Entry& from) {
  into.executions += from.executions;
  into.sites.merge(from.sites);
  if (!from.has_witness) return;
  if (into.has_witness && std::tie(into.preemptions, into.steps, into.witness) <=
                              std::tie(from.preemptions, from.steps, from.witness))
    return;
  into.has_witness = true;
  into.witness = std::move(from.witness);
  into.preemptions = from.preemptions;
  into.steps = from.steps;
  into.finding = std::move(from.finding);
  into.thread_name = std::move(from.thread_name);
  into.thread_names = std::move(from.thread_names);
}

void Witnesses::merge(Witnesses& other) {
  for (size_t k = 0; k < kinds_.size(); ++k) merge_entry(kinds_[k], other.kinds_[k]);
  for (auto& [key, e] : other.observations_) merge_entry(observations_[key], e);
}

std::vector<KindSummary> Witnesses::take_findings() {
  std::vector<KindSummary> out;
  for (size_t k = 0; k < kinds_.size(); ++k) {
    Entry& e = kinds_[k];
    if (e.executions == 0) continue;
    KindSummary& s = out.emplace_back();
    s.kind = static_cast<FindingKind>(k);
    s.finding = std::move(e.finding);
    s.thread_name = std::move(e.thread_name);
    s.thread_names = std::move(e.thread_names);
    s.witness = std::move(e.witness);
    s.preemptions = e.preemptions;
    s.steps = e.steps;
    s.sites = e.sites.size();
    s.executions = e.executions;
  }
  return out;
}

std::vector<ObservationSummary> Witnesses::take_observations() {
  std::vector<ObservationSummary> out;
  for (auto& [key, e] : observations_)
    out.push_back({key, std::move(e.witness), e.preemptions, e.steps, e.executions});
  return out;
}

}  // namespace resvcheck::sched
