#include "tools/explain_command.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include "scheduler/finding.h"
#include "traces/finding_explanations.h"

namespace resvcheck::tools {

CLI::App* add_explain_command(CLI::App& app, ExplainOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "explain", "What a finding kind means, how resvcheck detects it, what usually fixes it");
  cmd->add_option("KIND", o.kind,
                  fmt::format("A finding kind: {}", fmt::join(sched::kFindingKindNames, ", ")))
      ->required();
  return cmd;
}

int run_explain(const ExplainOptions& o) {
  const std::optional<sched::FindingKind> kind = sched::parse_finding_kind(o.kind);
  if (!kind) {
    fmt::print(stderr, "explain: unknown finding kind \"{}\"; the kinds are:\n", o.kind);
    for (std::string_view name : sched::kFindingKindNames) {
      const auto k = sched::parse_finding_kind(name);
      fmt::print(stderr, "  {:<18} {}\n", name, traces::explain_finding(*k).summary);
    }
    return 2;
  }
  fmt::print("{}", traces::explanation_text(*kind));
  return 0;
}

}  // namespace resvcheck::tools
