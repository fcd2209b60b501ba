// Gathers what an exploration showed: per finding kind and per observation key, how many
// executions showed it and one witness — the execution whose normal form has the fewest
// preemptions, then the fewest steps, then the smallest schedule, so the choice does not depend
// on the order in which executions were explored. Finding kinds also count distinct sites.
#pragma once

#include <array>
#include <map>
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
  /// Takes what one complete execution showed. Returns an error when the execution's normal
  /// form does not reproduce its findings (a nondeterministic model).
  std::optional<std::string> add(const Execution& execution);
  /// Adds what another worker's executions showed (those of a split exploration's subtrees):
  /// counts add up, sites unite, the better witness stays.
  void merge(Witnesses& other);
  std::vector<KindSummary> take_findings();
  std::vector<ObservationSummary> take_observations();

 private:
  struct Entry {
    uint64_t last_seen = 0;  // number of the latest execution that showed it
    uint64_t executions = 0;
    bool has_witness = false;
    Schedule witness;
    uint32_t preemptions = 0;
    uint32_t steps = 0;
    Finding finding;  // finding kinds: as raised in the witness
    std::string thread_name;
    std::vector<std::string> thread_names;
    std::set<std::string> sites;
  };
  bool mark(Entry& e);
  static void merge_entry(Entry& into, Entry& from);

  const Program& program_;
  Execution replayer_;
  uint64_t count_ = 0;
  std::vector<Entry*> shown_;  // entries the current execution showed
  std::array<Entry, kFindingKindNames.size()> kinds_;
  std::map<std::string, Entry, std::less<>> observations_;
};

}  // namespace resvcheck::sched
