// What the fuzz targets check besides the sanitizers: the loaders' contracts (scenario.h: a
// loaded scenario is consistent, indexes in range) and their problem lists.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_loader.h"

namespace resvcheck::fuzz {

/// Fiber stacks for the targets that run scenarios: ASan's redzones make frames larger.
inline constexpr size_t kStackSize = 1024 * 1024;

/// Aborts (a libFuzzer crash, with the input saved) when `ok` is false.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: contract broken: %s\n", what);
  std::abort();
}

/// Every problem says something, and none is the loader's catch-all for its own bugs.
inline void check_problems(const std::vector<scenarios::Problem>& problems) {
  for (const scenarios::Problem& p : problems) {
    require(!p.message.empty(), "a problem has a message");
    if (std::string_view(p.message).starts_with("cannot read the scenario: ")) {
      std::fprintf(stderr, "fuzz: %s: %s\n", p.where.c_str(), p.message.c_str());
      require(false, "the loader caught a nlohmann exception (a loader bug)");
    }
  }
}

inline void check_ops(const scenarios::Scenario& s, const scenarios::ThreadSpec& t,
                      const std::vector<scenarios::Op>& ops) {
  for (const scenarios::Op& op : ops) {
    if (op.ctx) require(*op.ctx < t.contexts.size(), "op ctx in range");
    if (op.exec) require(*op.exec < t.execs.size(), "op exec in range");
    for (uint32_t o : op.objects) require(o < s.objects.size(), "drm_exec_lock object in range");
    for (const scenarios::Handler& h : op.on) check_ops(s, t, h.ops);
  }
}

/// The consistency scenario.h promises of a loaded scenario.
inline void check_scenario(const scenarios::Scenario& s) {
  require(s.threads.size() <= scenarios::kMaxThreads, "at most kMaxThreads threads");
  for (const scenarios::ObjectSpec& o : s.objects) {
    require(o.resv < s.resvs.size(), "object resv in range");
    if (o.of) require(*o.of < s.objects.size(), "import exporter in range");
  }
  for (const scenarios::FinalCheck& f : s.final)
    require(f.object < s.objects.size(), "final object in range");
  check_ops(s, s.setup, s.setup.ops);
  for (const scenarios::ThreadSpec& t : s.threads) {
    require(t.repeat >= 1 && t.repeat <= scenarios::kMaxRepeat, "repeat in range");
    check_ops(s, t, t.ops);
  }
}

}  // namespace resvcheck::fuzz
