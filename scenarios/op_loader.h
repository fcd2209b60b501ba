// Reading op lists (scenario-format.md, "Ops"): calls, their arguments, `ret` and `on`.
#pragma once

#include <string>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"
#include "scenarios/thread_contexts.h"
#include "scenarios/thread_execs.h"

namespace resvcheck::scenarios {

/// What op arguments name: the scenario's locks and objects, and the acquire contexts of the
/// thread whose ops they are and its drm_exec names (both gathered as the ops load).
struct OpScope {
  const std::vector<std::string>& locks;
  const std::vector<ObjectSpec>& objects;
  ThreadContexts& contexts;
  ThreadExecs& execs;
};

/// The op list `j` (at `at`) of one thread. Problems go to `reader`.
std::vector<Op> load_ops(JsonReader& reader, const Json& j, const Pointer& at,
                         const OpScope& scope);

}  // namespace resvcheck::scenarios
