// Running the call of one op on the modeled kernel (the interpreter's call dispatch), and how
// messages show that call.
#pragma once

#include <optional>
#include <string>

#include "scenarios/ret_value.h"
#include "scenarios/scenario.h"
#include "scenarios/world.h"

namespace resvcheck::scenarios {

/// Runs `op`'s call (not `return`) in the current thread `t`; what it returned, or nothing when
/// the call did nothing (not exported in this version: then `ret` and `on` are ignored).
std::optional<RetValue> run_call(ThreadState& t, const Op& op);

/// The call as messages show it: `mutex_trylock(a)`, `dma_resv_lock(bo, c)`,
/// `dma_resv_lock(bo, NULL)`, `ww_acquire_init(c)`, `drm_exec_lock(e, [a, b])`,
/// `drm_gem_shmem_pin(bo)`.
std::string call_text(const ThreadState& t, const Op& op);

}  // namespace resvcheck::scenarios
