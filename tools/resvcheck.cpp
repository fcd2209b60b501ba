// resvcheck: the command line. Argument parsing and wiring only (cli-and-traces.md).
#include <CLI/CLI.hpp>

#include "tools/check_command.h"
#include "tools/versions_command.h"

int main(int argc, char** argv) {
  CLI::App app(
      "resvcheck: a deterministic concurrency model checker for the drm-shmem dma_resv "
      "locking");
  app.require_subcommand(1);
  resvcheck::tools::CheckOptions check;
  resvcheck::tools::add_check_command(app, check);
  CLI::App* versions = resvcheck::tools::add_versions_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // help is success; any other parse error is a usage error
  }
  if (versions->parsed()) return resvcheck::tools::run_versions();
  return resvcheck::tools::run_check(check);
}
