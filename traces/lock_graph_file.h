// The lock-order graph file of a run (cli-and-traces.md, "Lock-order graph"; `check --lock-graph
// FILE`, `check --baseline FILE`, `resvcheck lockgraph OLD NEW`): per helper version, the union
// of the lock-order graphs of every (scenario, version) checked, each edge with one witness.
//
// JSON form (format_version 1), one edge per line and every list sorted, so that a baseline diff
// is a plain text diff as well:
//
//   {
//     "format": "resvcheck-lockgraph",
//     "format_version": 1,
//     "versions": {
//       "v6.5": [
//         {"from": "a", "to": "b", "primed": false, "witness": {"scenario": "abba", "file":
//          "scenarios/catalog/mutex/abba.json", "executions": 2, "preemptions": 0, "steps": 5}},
//         {"from": "mmap_lock", "to": "reservation_ww_class_mutex", "primed": true,
//          "witness": null}
//       ]
//     }
//   }
//
// - `versions` lists the versions some (non-error) result was checked in, in release order; each
//   holds that version's edges sorted by (from, to), the boot order dma_resv_lockdep() primes
//   included (`primed`).
// - `witness` is null for an edge only primed. Otherwise it names the (scenario, file) whose
//   witness execution is chosen like a finding's witness: fewest preemptions, then fewest steps,
//   then the smallest schedule, then the first result in report order. `executions` counts the
//   executions of that (scenario, version) that showed the edge.
// - The spec's witness also has the thread and its call stack. The engine's observations (which
//   the edges come from) keep only the witness schedule, its preemptions and steps, not which
//   thread took the edge or what it held. EdgeWitness keeps the schedule in memory, and has
//   `thread`, `calls` and `held` for a caller that fills them by replaying it; they are written
//   ("thread", "calls", "held" after "steps") only when `thread` is set, and read back if present.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/lock_graph.h"
#include "model/version.h"
#include "scenarios/check.h"
#include "scenarios/json_reader.h"

namespace resvcheck::traces {

inline constexpr std::string_view kLockGraphFormat = "resvcheck-lockgraph";
inline constexpr uint64_t kLockGraphFormatVersion = 1;

struct EdgeWitness {
  std::string scenario;
  std::string file;
  uint64_t executions = 0;  // executions of (scenario, version) that showed the edge
  uint32_t preemptions = 0;
  uint32_t steps = 0;
  /// The thread that took the edge, its calls (outermost first) and the locks it held. Not in
  /// the observations: empty unless filled by replaying `schedule`; written only when `thread`
  /// is set.
  std::string thread;
  std::vector<std::string> calls;
  std::vector<std::string> held;
  /// In memory only (not written): the witness execution, in lexicographic normal form.
  sched::Schedule schedule;
  /// Everything but `schedule`.
  bool operator==(const EdgeWitness& o) const;
};

struct GraphEdge {
  std::string from;
  std::string to;
  bool primed = false;                 // part of the boot order dma_resv_lockdep() primes
  std::optional<EdgeWitness> witness;  // none for an edge only primed
  bool operator==(const GraphEdge&) const = default;
};

struct VersionGraph {
  model::Version version = model::Version::v6_4;
  std::vector<GraphEdge> edges;  // sorted by (from, to), each pair once
};

struct LockGraphFile {
  std::vector<VersionGraph> versions;  // release order, each version once
  /// The graph of `v`, or null when the file has none for it.
  const VersionGraph* find(model::Version v) const;
};

/// The union lock-order graph of a run. Results with an internal error (status `error`) add
/// nothing; incomplete ones add what they explored.
LockGraphFile build_lock_graph_file(const std::vector<scenarios::CheckResult>& results);

/// The cycles of one version's graph (model::LockGraph's search: each cycle once, rotated to
/// start at its smallest class).
std::vector<model::LockCycle> graph_cycles(const VersionGraph& graph);

/// The JSON text (see above); deterministic.
std::string lock_graph_json(const LockGraphFile& graph);
/// Graphviz: one cluster per version; edges on a cycle red, primed edges dashed, each edge
/// labelled with its witness scenario.
std::string lock_graph_dot(const LockGraphFile& graph);

/// Writes `graph` to `path`: Graphviz when the name ends in `.dot`, JSON otherwise. Returns what
/// went wrong, if anything (the file is written atomically).
std::optional<std::string> write_lock_graph_file(const std::filesystem::path& path,
                                                 const LockGraphFile& graph);

struct LockGraphRead {
  std::optional<LockGraphFile> graph;        // set when the text is a valid lock-graph file
  std::vector<scenarios::Problem> problems;  // each printed as `FILE: where: message`
};

/// Parses the JSON form. Every problem is reported with its JSON pointer and "expected ...,
/// found ..."; an unknown `format` or `format_version` is refused.
LockGraphRead parse_lock_graph(std::string_view text);
/// Reads and parses `path`; a file that cannot be read is one problem at "".
LockGraphRead read_lock_graph_file(const std::filesystem::path& path);
/// The problems as lines `FILE: where: message` (where "" is left out).
std::string problems_text(const std::filesystem::path& file,
                          const std::vector<scenarios::Problem>& problems);

}  // namespace resvcheck::traces
