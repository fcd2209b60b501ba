// What a replay shows people of a modeled thread: the calls on its stack and the locks it holds.
// The engine never interprets these strings; the program describes its threads (facade.h).
#pragma once

#include <string>
#include <vector>

#include "scheduler/ids.h"

namespace resvcheck::sched {

struct ThreadView {
  std::vector<std::string> calls;  // outermost first
  std::vector<std::string> held;   // oldest first, as reports print them
};

/// Describes thread `t` of the running execution; `arg` is what was registered with it.
using Describer = ThreadView (*)(ThreadId t, void* arg);

}  // namespace resvcheck::sched
