// `resvcheck lockgraph OLD NEW [--fail-on-new-edges]`: compare two lock-order graph files
// (cli-and-traces.md, "Lock-order graph"). Prints the new and removed edges and the new cycles
// per version; exits 0, or 1 on a new cycle (or any new edge with --fail-on-new-edges), or 2 on
// bad input (each problem as `FILE: /json/pointer: expected ..., found ...`).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace resvcheck::tools {

struct LockgraphOptions {
  std::string old_path;
  std::string new_path;
  bool fail_on_new_edges = false;
};

/// Adds the subcommand; returns it so main can tell which one ran.
CLI::App* add_lockgraph_command(CLI::App& app, LockgraphOptions& options);
/// Runs the comparison; returns the exit status.
int run_lockgraph(const LockgraphOptions& options);

}  // namespace resvcheck::tools
