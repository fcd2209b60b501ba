// Helpers shared by the engine suites: configs, finding lookups, outcome signatures.
// Include after the STL headers and before CppUTest's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "scheduler/explorer.h"
#include "tests/programs/engine_programs.h"
#include "tests/programs/random_program.h"

namespace resvcheck::testprog {

inline sched::Config config_of(sched::StrategyKind strategy,
                               std::optional<uint32_t> bound = std::nullopt) {
  sched::Config c;
  c.strategy = strategy;
  c.preemption_bound = bound;
  c.check_determinism = true;  // every complete execution is re-run and compared step by step
  return c;
}
inline sched::Config dpor(std::optional<uint32_t> bound = std::nullopt) {
  return config_of(sched::StrategyKind::dpor, bound);
}
inline sched::Config dfs(std::optional<uint32_t> bound = std::nullopt) {
  return config_of(sched::StrategyKind::dfs, bound);
}

inline const sched::KindSummary* find_kind(const sched::ExplorationResult& r,
                                           sched::FindingKind kind) {
  for (const auto& k : r.findings)
    if (k.kind == kind) return &k;
  return nullptr;
}

/// "deadlock,self_deadlock": the finding kinds of an exploration, in kind order.
inline std::string kind_list(const sched::ExplorationResult& r) {
  std::string s;
  for (const auto& k : r.findings) {
    if (!s.empty()) s += ',';
    s += sched::finding_kind_name(k.kind);
  }
  return s;
}

/// What an exploration observed: its result and the distinct final states of its executions.
struct Observed {
  sched::ExplorationResult result;
  Outcomes outcomes;
  /// The final states plus one line per finding kind: what must match between strategies.
  std::set<std::string> signature() const {
    std::set<std::string> s = outcomes.states;
    for (const auto& k : result.findings)
      s.insert("finding " + std::string(sched::finding_kind_name(k.kind)));
    return s;
  }
};

/// A program family parameterised by where it records its outcomes.
using ProgramOf = std::function<sched::Program(Outcomes*)>;

inline Observed observe(const ProgramOf& make, const sched::Config& config) {
  Observed o;
  o.result = sched::explore(make(&o.outcomes), config);
  return o;
}

/// Whether every element of `sub` is in `super`; the first missing one in `missing`.
inline bool includes(const std::set<std::string>& super, const std::set<std::string>& sub,
                     std::string* missing) {
  for (const auto& s : sub)
    if (!super.count(s)) {
      *missing = s;
      return false;
    }
  return true;
}

}  // namespace resvcheck::testprog
