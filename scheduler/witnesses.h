// Gathers the findings of an exploration per kind: distinct sites, how many executions showed the
// kind, and one witness per kind — the execution whose normal form has the fewest preemptions,
// then the fewest steps, then the smallest schedule, so the choice does not depend on the order in
// which executions were explored.
#pragma once

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scheduler/execution.h"
#include "scheduler/explorer.h"

namespace resvcheck::sched {

class Witnesses {
 public:
  Witnesses(const Program& program, const Config& config, StackPool& pool);
  /// Takes the findings of one complete execution. Returns an error when the execution's normal
  /// form does not reproduce its findings (a nondeterministic model).
  std::optional<std::string> add(const Execution& execution);
  std::vector<KindSummary> take();

 private:
  struct Entry {
    bool seen = false;
    bool has_witness = false;
    KindSummary summary;
    std::set<std::string> sites;
  };
  bool may_improve(const Entry& e, uint32_t steps) const;

  const Program& program_;
  Execution replayer_;
  std::array<Entry, kFindingKindNames.size()> kinds_;
};

}  // namespace resvcheck::sched
