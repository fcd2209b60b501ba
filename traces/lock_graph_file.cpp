#include "traces/lock_graph_file.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <utility>

#include "model/lockdep.h"
#include "traces/atomic_file.h"

namespace resvcheck::traces {
namespace {

using scenarios::Json;
using scenarios::JsonReader;
using scenarios::Pointer;
using scenarios::Problem;

/// Whether the observation `o` makes a better witness than the current one of `c`: fewer
/// preemptions, then fewer steps, then the smaller schedule; ties keep the earlier result.
bool better(const sched::ObservationSummary& o, const GraphEdge& e) {
  if (!e.witness) return true;
  const EdgeWitness& w = *e.witness;
  return std::tie(o.preemptions, o.steps, o.witness) < std::tie(w.preemptions, w.steps, w.schedule);
}

std::string json_quoted(std::string_view s) { return Json(std::string(s)).dump(); }

std::string edge_json(const GraphEdge& e) {
  std::string out = "{\"from\": " + json_quoted(e.from) + ", \"to\": " + json_quoted(e.to) +
                    ", \"primed\": " + (e.primed ? "true" : "false") + ", \"witness\": ";
  if (!e.witness) return out + "null}";
  const EdgeWitness& w = *e.witness;
  out += "{\"scenario\": " + json_quoted(w.scenario) + ", \"file\": " + json_quoted(w.file) +
         ", \"executions\": " + std::to_string(w.executions) +
         ", \"preemptions\": " + std::to_string(w.preemptions) +
         ", \"steps\": " + std::to_string(w.steps);
  if (!w.thread.empty())
    out += ", \"thread\": " + json_quoted(w.thread) + ", \"calls\": " + Json(w.calls).dump() +
           ", \"held\": " + Json(w.held).dump();
  return out + "}}";
}

/// The problem for malformed JSON, placed by line and column (as the scenario loader does).
Problem syntax_problem(const Json::parse_error& e) {
  const std::string what = e.what();
  const size_t line = what.find("line ");
  const size_t detail = what.find(": ", line);
  if (line == std::string::npos || detail == std::string::npos) return {"", what};
  return {what.substr(line, detail - line), "invalid JSON: " + what.substr(detail + 2)};
}

class GraphReader {
 public:
  explicit GraphReader(JsonReader& reader) : r_(reader) {}

  LockGraphFile load(const Json& doc) {
    LockGraphFile graph;
    if (!r_.object(doc, Pointer(), "a resvcheck-lockgraph object")) return graph;
    r_.known_keys(doc, Pointer(), {"format", "format_version", "versions"});
    const std::string format = "\"" + std::string(kLockGraphFormat) + "\"";
    if (!doc.contains("format"))
      r_.missing(Pointer("/format"), format);
    else if (doc["format"] != kLockGraphFormat)
      r_.expected(Pointer("/format"), format, doc["format"]);
    if (!doc.contains("format_version"))
      r_.missing(Pointer("/format_version"), "format_version 1");
    else if (doc["format_version"] != kLockGraphFormatVersion)
      r_.expected(Pointer("/format_version"), "format_version 1 (the only one this build reads)",
                  doc["format_version"]);
    if (!r_.clean()) return graph;  // another format: its contents mean something else
    if (!doc.contains("versions")) {
      r_.missing(Pointer("/versions"), "an object of edge lists per helper version");
      return graph;
    }
    const Pointer at("/versions");
    if (!r_.object(doc["versions"], at, "an object of edge lists per helper version")) return graph;
    for (const auto& [key, edges] : doc["versions"].items()) {
      const std::optional<model::Version> v = model::parse_version(key);
      if (!v) {
        r_.fail(at / key,
                "expected a helper version (v6.4, v6.5, v6.10, v6.16), found \"" + key + "\"");
        continue;
      }
      VersionGraph g{*v, version_edges(edges, at / key)};
      graph.versions.push_back(std::move(g));
    }
    std::sort(graph.versions.begin(), graph.versions.end(),
              [](const VersionGraph& a, const VersionGraph& b) { return a.version < b.version; });
    return graph;
  }

 private:
  std::vector<GraphEdge> version_edges(const Json& j, const Pointer& at) {
    std::vector<GraphEdge> edges;
    if (!r_.array(j, at, "an array of edges")) return edges;
    for (size_t i = 0; i < j.size(); ++i)
      if (auto e = edge(j[i], at / i)) edges.push_back(std::move(*e));
    std::stable_sort(edges.begin(), edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
      return std::tie(a.from, a.to) < std::tie(b.from, b.to);
    });
    for (size_t i = 1; i < edges.size(); ++i)
      if (edges[i].from == edges[i - 1].from && edges[i].to == edges[i - 1].to)
        r_.fail(at, "expected each edge once, found " + edges[i].from + " -> " + edges[i].to +
                        " twice");
    return edges;
  }

  std::optional<GraphEdge> edge(const Json& j, const Pointer& at) {
    if (!r_.object(j, at, "an edge object {from, to, primed, witness}")) return std::nullopt;
    r_.known_keys(j, at, {"from", "to", "primed", "witness"});
    GraphEdge e;
    bool ok = true;
    ok &= name(j, at, "from", e.from);
    ok &= name(j, at, "to", e.to);
    if (!j.contains("primed")) {
      r_.missing(at / "primed", "true or false");
      ok = false;
    } else if (!j["primed"].is_boolean()) {
      r_.expected(at / "primed", "true or false", j["primed"]);
      ok = false;
    } else {
      e.primed = j["primed"].get<bool>();
    }
    if (!j.contains("witness")) {
      r_.missing(at / "witness", "null or a witness object");
      return std::nullopt;
    }
    if (!j["witness"].is_null()) {
      e.witness = witness(j["witness"], at / "witness");
      ok &= e.witness.has_value();
    }
    if (ok && !e.primed && !e.witness) {
      r_.fail(at / "witness",
              "expected a witness object for an edge that is not primed, found null");
      ok = false;
    }
    return ok ? std::optional<GraphEdge>(std::move(e)) : std::nullopt;
  }

  bool name(const Json& j, const Pointer& at, const char* key, std::string& out) {
    if (!j.contains(key)) {
      r_.missing(at / key, "a lock class name");
      return false;
    }
    const std::optional<std::string> s = r_.string(j[key], at / key, "a lock class name");
    if (!s) return false;
    if (s->empty()) {
      r_.expected(at / key, "a lock class name", j[key]);
      return false;
    }
    out = *s;
    return true;
  }

  std::optional<EdgeWitness> witness(const Json& j, const Pointer& at) {
    if (!r_.object(j, at, "null or a witness object")) return std::nullopt;
    r_.known_keys(
        j, at,
        {"scenario", "file", "executions", "preemptions", "steps", "thread", "calls", "held"});
    EdgeWitness w;
    bool ok = true;
    for (auto [key, out] : {std::pair{"scenario", &w.scenario}, std::pair{"file", &w.file}}) {
      if (!j.contains(key)) {
        r_.missing(at / key, "a string");
        ok = false;
      } else if (auto s = r_.string(j[key], at / key, "a string")) {
        *out = *s;
      } else {
        ok = false;
      }
    }
    const auto number = [&](const char* key, uint64_t hi) -> std::optional<uint64_t> {
      if (j.contains(key)) return r_.integer(j[key], at / key, 0, hi);
      r_.missing(at / key, "a count");
      return std::nullopt;
    };
    const auto executions = number("executions", UINT64_MAX);
    const auto preemptions = number("preemptions", UINT32_MAX);
    const auto steps = number("steps", UINT32_MAX);
    if (j.contains("thread")) {
      if (auto s = r_.string(j["thread"], at / "thread", "a thread name"))
        w.thread = *s;
      else
        ok = false;
    }
    ok &= strings(j, at, "calls", w.calls);
    ok &= strings(j, at, "held", w.held);
    if (!ok || !executions || !preemptions || !steps) return std::nullopt;
    w.executions = *executions;
    w.preemptions = static_cast<uint32_t>(*preemptions);
    w.steps = static_cast<uint32_t>(*steps);
    return w;
  }

  /// The optional array of strings `key` of `j`.
  bool strings(const Json& j, const Pointer& at, const char* key, std::vector<std::string>& out) {
    if (!j.contains(key)) return true;
    if (!r_.array(j[key], at / key, "an array of strings")) return false;
    bool ok = true;
    for (size_t i = 0; i < j[key].size(); ++i) {
      if (auto s = r_.string(j[key][i], at / key / i, "a string"))
        out.push_back(*s);
      else
        ok = false;
    }
    return ok;
  }

  JsonReader& r_;
};

}  // namespace

bool EdgeWitness::operator==(const EdgeWitness& o) const {
  return std::tie(scenario, file, executions, preemptions, steps, thread, calls, held) ==
         std::tie(o.scenario, o.file, o.executions, o.preemptions, o.steps, o.thread, o.calls,
                  o.held);
}

const VersionGraph* LockGraphFile::find(model::Version v) const {
  for (const VersionGraph& g : versions)
    if (g.version == v) return &g;
  return nullptr;
}

LockGraphFile build_lock_graph_file(const std::vector<scenarios::CheckResult>& results) {
  using Pair = std::pair<std::string, std::string>;
  std::array<std::optional<std::map<Pair, GraphEdge>>, model::kAllVersions.size()> union_of{};
  for (const scenarios::CheckResult& r : results) {
    if (r.exploration.error) continue;  // an internal error: the exploration is void
    auto& edges = union_of[static_cast<size_t>(r.version)];
    if (!edges) edges.emplace();
    const model::LockGraph graph(r.exploration.observations);
    for (const model::LockEdge& e : graph.edges()) {
      GraphEdge& u = (*edges)[{e.from, e.to}];
      u.from = e.from;
      u.to = e.to;
      u.primed = u.primed || e.primed;
      if (!e.seen || !better(*e.seen, u)) continue;
      EdgeWitness& w = u.witness.emplace();
      w.scenario = r.scenario;
      w.file = r.file;
      w.executions = e.seen->executions;
      w.preemptions = e.seen->preemptions;
      w.steps = e.seen->steps;
      w.schedule = e.seen->witness;
      if (const auto it = r.edge_takers.find(e.seen->key); it != r.edge_takers.end()) {
        w.thread = it->second.thread;
        w.calls = it->second.view.calls;
        w.held = it->second.view.held;
      }
    }
  }
  LockGraphFile out;
  for (model::Version v : model::kAllVersions) {
    const auto& edges = union_of[static_cast<size_t>(v)];
    if (!edges) continue;
    VersionGraph& g = out.versions.emplace_back(VersionGraph{v, {}});
    for (const auto& [pair, e] : *edges) g.edges.push_back(e);
  }
  return out;
}

std::vector<model::LockCycle> graph_cycles(const VersionGraph& graph) {
  std::vector<sched::ObservationSummary> observations;
  for (const GraphEdge& e : graph.edges) {
    sched::ObservationSummary o;
    o.key = model::lock_edge_key(e.from, e.to);
    observations.push_back(std::move(o));
  }
  return model::LockGraph(observations).cycles();
}

std::string lock_graph_json(const LockGraphFile& graph) {
  std::string out = "{\n  \"format\": " + json_quoted(kLockGraphFormat) +
                    ",\n  \"format_version\": " + std::to_string(kLockGraphFormatVersion) +
                    ",\n  \"versions\": {";
  for (size_t v = 0; v < graph.versions.size(); ++v) {
    const VersionGraph& g = graph.versions[v];
    out += (v == 0 ? "\n    " : ",\n    ") + json_quoted(model::version_name(g.version)) + ": [";
    for (size_t i = 0; i < g.edges.size(); ++i)
      out += (i == 0 ? "\n      " : ",\n      ") + edge_json(g.edges[i]);
    out += g.edges.empty() ? "]" : "\n    ]";
  }
  out += graph.versions.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

std::optional<std::string> write_lock_graph_file(const std::filesystem::path& path,
                                                 const LockGraphFile& graph) {
  const bool dot = path.extension() == ".dot";
  return write_file_atomically(path, dot ? lock_graph_dot(graph) : lock_graph_json(graph));
}

LockGraphRead parse_lock_graph(std::string_view text) {
  LockGraphRead result;
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    result.problems.push_back(syntax_problem(e));
    return result;
  }
  JsonReader reader(result.problems);
  LockGraphFile graph = GraphReader(reader).load(doc);
  if (reader.clean()) result.graph = std::move(graph);
  return result;
}

LockGraphRead read_lock_graph_file(const std::filesystem::path& path) {
  std::error_code ec;
  const bool is_dir = std::filesystem::is_directory(path, ec);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in && !is_dir) text << in.rdbuf();
  if (is_dir || !in || in.bad()) {
    LockGraphRead result;
    result.problems.push_back(
        {"", is_dir ? "expected a resvcheck-lockgraph JSON file, found a directory"
                    : "cannot read the file (it does not exist or is not readable)"});
    return result;
  }
  return parse_lock_graph(text.str());
}

std::string problems_text(const std::filesystem::path& file,
                          const std::vector<scenarios::Problem>& problems) {
  std::string out;
  for (const Problem& p : problems)
    out += file.string() + ": " + (p.where.empty() ? "" : p.where + ": ") + p.message + "\n";
  return out;
}

}  // namespace resvcheck::traces
