// `resvcheck versions`: the helper versions and, per version, every call with its contract.
#pragma once

#include <CLI/CLI.hpp>

namespace resvcheck::tools {

/// Adds the subcommand; returns it so main can tell which one ran.
CLI::App* add_versions_command(CLI::App& app);
int run_versions();

}  // namespace resvcheck::tools
