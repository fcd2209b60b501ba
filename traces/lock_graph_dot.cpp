// lock_graph_dot() of traces/lock_graph_file.h: the Graphviz form of a lock-graph file.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <utility>

#include "traces/lock_graph_file.h"

namespace resvcheck::traces {
namespace {

/// A Graphviz double-quoted string.
std::string dot_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// The edges that lie on some cycle of `g`.
std::set<std::pair<std::string, std::string>> cycle_edges(const VersionGraph& g) {
  std::set<std::pair<std::string, std::string>> out;
  for (const model::LockCycle& c : graph_cycles(g))
    for (size_t i = 0; i < c.size(); ++i) out.insert({c[i], c[(i + 1) % c.size()]});
  return out;
}

}  // namespace

std::string lock_graph_dot(const LockGraphFile& graph) {
  std::string out =
      "// resvcheck lock-order graph (format resvcheck-lockgraph 1): one cluster per helper "
      "version;\n// red: an edge on a cycle; dashed: the boot order dma_resv_lockdep() primes;\n"
      "// each edge is labelled with the scenario of its witness.\n"
      "digraph lockgraph {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (const VersionGraph& g : graph.versions) {
    const std::string version(model::version_name(g.version));
    const auto node = [&version](const std::string& cls) {
      return dot_quoted(version + ":" + cls);
    };
    out += fmt::format("  subgraph {} {{\n    label={};\n", dot_quoted("cluster_" + version),
                       dot_quoted(version));
    std::set<std::string> classes;
    for (const GraphEdge& e : g.edges) {
      classes.insert(e.from);
      classes.insert(e.to);
    }
    for (const std::string& cls : classes)
      out += fmt::format("    {} [label={}];\n", node(cls), dot_quoted(cls));
    const auto on_cycle = cycle_edges(g);
    for (const GraphEdge& e : g.edges) {
      std::vector<std::string> attrs;
      if (e.witness) attrs.push_back("label=" + dot_quoted(e.witness->scenario));
      if (e.primed) attrs.push_back("style=dashed");
      if (on_cycle.count({e.from, e.to})) attrs.push_back("color=red, fontcolor=red");
      std::string list;
      for (const std::string& a : attrs) list += (list.empty() ? "" : ", ") + a;
      out += fmt::format("    {} -> {}{};\n", node(e.from), node(e.to),
                         list.empty() ? "" : " [" + list + "]");
    }
    out += "  }\n";
  }
  return out + "}\n";
}

}  // namespace resvcheck::traces
