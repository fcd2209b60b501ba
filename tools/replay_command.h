// `resvcheck replay TRACE`: re-run one trace through the same scheduler, list it step by step,
// and check that its finding recurs at the same step.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace resvcheck::tools {

struct ReplayOptions {
  std::string trace_path;
  std::optional<uint32_t> to_step;
  std::string perfetto_path;
};

/// Adds the subcommand; returns it so main can tell which one ran.
CLI::App* add_replay_command(CLI::App& app, ReplayOptions& options);

/// 0: the finding recurred at its step; 1: the run diverged or the finding did not recur;
/// 2: bad input; 4: internal error (fiber stack overflow).
int run_replay(const ReplayOptions& options);

}  // namespace resvcheck::tools
