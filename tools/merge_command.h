// `resvcheck merge REPORT...`: the JSON reports of the shards of one run (`check --shard K/N`)
// combined into the report one unsharded run writes (outside `work` and `timing`).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace resvcheck::tools {

struct MergeOptions {
  std::vector<std::string> reports;
  std::string output;  // the merged report's file; empty: stdout
};

/// Adds the subcommand; returns it so main can tell which one ran.
CLI::App* add_merge_command(CLI::App& app, MergeOptions& options);

/// The exit status `check` would give the merged results (0, 1, 3 or 4), or 2 when the reports
/// are not the shards of one run (each shard exactly once, the same options).
int run_merge(const MergeOptions& options);

}  // namespace resvcheck::tools
