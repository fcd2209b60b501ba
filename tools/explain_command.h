// `resvcheck explain KIND`: what a finding kind means, how resvcheck detects it, what usually
// fixes it (cli-and-traces.md). An unknown kind is a usage error (exit 2) that lists the kinds.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace resvcheck::tools {

struct ExplainOptions {
  std::string kind;
};

/// Adds the subcommand; returns it so main can tell which one ran.
CLI::App* add_explain_command(CLI::App& app, ExplainOptions& options);
/// Prints the explanation; returns the exit status (0, or 2 for an unknown kind).
int run_explain(const ExplainOptions& options);

}  // namespace resvcheck::tools
