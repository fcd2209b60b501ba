// resvcheck: the command line. Argument parsing and wiring only (cli-and-traces.md).
#include <CLI/CLI.hpp>

#include "tools/check_command.h"
#include "tools/explain_command.h"
#include "tools/lockgraph_command.h"
#include "tools/merge_command.h"
#include "tools/replay_command.h"
#include "tools/versions_command.h"

int main(int argc, char** argv) {
  CLI::App app(
      "resvcheck: a deterministic concurrency model checker for the drm-shmem dma_resv "
      "locking");
  app.require_subcommand(1);
  resvcheck::tools::CheckOptions check;
  resvcheck::tools::add_check_command(app, check);
  resvcheck::tools::ReplayOptions replay;
  CLI::App* replay_cmd = resvcheck::tools::add_replay_command(app, replay);
  resvcheck::tools::MergeOptions merge;
  CLI::App* merge_cmd = resvcheck::tools::add_merge_command(app, merge);
  CLI::App* versions = resvcheck::tools::add_versions_command(app);
  resvcheck::tools::ExplainOptions explain;
  CLI::App* explain_cmd = resvcheck::tools::add_explain_command(app, explain);
  resvcheck::tools::LockgraphOptions lockgraph;
  CLI::App* lockgraph_cmd = resvcheck::tools::add_lockgraph_command(app, lockgraph);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // help is success; any other parse error is a usage error
  }
  if (replay_cmd->parsed()) return resvcheck::tools::run_replay(replay);
  if (merge_cmd->parsed()) return resvcheck::tools::run_merge(merge);
  if (versions->parsed()) return resvcheck::tools::run_versions();
  if (explain_cmd->parsed()) return resvcheck::tools::run_explain(explain);
  if (lockgraph_cmd->parsed()) return resvcheck::tools::run_lockgraph(lockgraph);
  return resvcheck::tools::run_check(check);
}
