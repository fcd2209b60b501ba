// The panfrost driver-layer calls (scenario-format.md, "Ops", driver layers): panfrost_madvise,
// panfrost_shrinker_scan and direct_reclaim on the device state of the execution, with the
// helper version's locking (model/panfrost.h).
#pragma once

#include <string_view>

#include "scenarios/calls.h"
#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

struct Op;
struct ThreadState;

/// The driver mutex the panfrost calls use, created implicitly when a scenario uses one of them
/// (a scenario may also declare it, and lock it with the mutex_* calls).
inline constexpr std::string_view kShrinkerLock = "shrinker_lock";

bool is_panfrost_call(Call c);

/// Runs `op` (a panfrost call) in the current thread `t`.
RetValue run_panfrost_call(ThreadState& t, const Op& op);

}  // namespace resvcheck::scenarios
