// Reading op lists (scenario-format.md, "Ops"): calls, their arguments, `ret` and `on`.
#pragma once

#include <string>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

/// The op list `j` (at `at`); mutex calls name locks from `locks`. Problems go to `reader`.
std::vector<Op> load_ops(JsonReader& reader, const Json& j, const Pointer& at,
                         const std::vector<std::string>& locks);

}  // namespace resvcheck::scenarios
