#include "tools/versions_command.h"

#include <fmt/core.h>
#include <string>

#include "model/version.h"
#include "scenarios/contract_probe.h"

namespace resvcheck::tools {
namespace {

std::string contract_text(const scenarios::CallContract& c) {
  if (!c.exported) return "not exported: " + c.not_exported_reason;
  std::string out = c.needs_resv ? "with the resv held: " : "";
  std::string locks;
  for (const std::string& entry : c.journal) locks += (locks.empty() ? "" : ", ") + entry;
  out += locks.empty() ? "no lock" : locks;
  if (!c.counters.empty()) out += "; " + c.counters;
  out += "; " + c.result;
  if (!c.findings.empty()) out += "; on a fresh object: " + c.findings;
  return out;
}

}  // namespace

CLI::App* add_versions_command(CLI::App& app) {
  return app.add_subcommand(
      "versions",
      "List the helper versions and, per version, what each shmem-helper and GEM-core call does "
      "when run alone on a fresh object: the locks it takes and asserts, the counters it moves, "
      "what it returns (observed from the model itself)");
}

int run_versions() {
  for (model::Version v : model::kAllVersions) {
    fmt::print("{}  {}\n", model::version_name(v), model::version_summary(v));
    for (const scenarios::CallContract& c : scenarios::probe_contracts(v))
      fmt::print("  {:<32} {}\n", scenarios::call_name(c.call), contract_text(c));
    fmt::print("\n");
  }
  return 0;
}

}  // namespace resvcheck::tools
