#include "tools/lockgraph_command.h"

#include <iostream>

#include "traces/lock_graph_diff.h"
#include "traces/lock_graph_file.h"

namespace resvcheck::tools {

CLI::App* add_lockgraph_command(CLI::App& app, LockgraphOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "lockgraph",
      "Compare two lock-order graphs (JSON, as `check --lock-graph` writes them): new and "
      "removed edges, new cycles. Exit 1 on a new cycle");
  cmd->add_option("OLD", o.old_path, "The baseline graph")->required();
  cmd->add_option("NEW", o.new_path, "The graph to check against it")->required();
  cmd->add_flag("--fail-on-new-edges", o.fail_on_new_edges,
                "Also exit 1 when NEW has any edge OLD lacks");
  return cmd;
}

int run_lockgraph(const LockgraphOptions& o) {
  const traces::LockGraphRead old_graph = traces::read_lock_graph_file(o.old_path);
  const traces::LockGraphRead new_graph = traces::read_lock_graph_file(o.new_path);
  std::cerr << traces::problems_text(o.old_path, old_graph.problems)
            << traces::problems_text(o.new_path, new_graph.problems);
  if (!old_graph.graph || !new_graph.graph) return 2;
  const traces::LockGraphDiff diff =
      traces::compare_lock_graphs(*old_graph.graph, *new_graph.graph);
  traces::write_lock_graph_diff(std::cout, diff, o.fail_on_new_edges);
  return traces::lock_graph_regressed(diff, o.fail_on_new_edges) ? 1 : 0;
}

}  // namespace resvcheck::tools
