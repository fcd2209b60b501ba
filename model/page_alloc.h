// Allocations that may enter reclaim (pages, sg tables, vmap areas): lockdep sees fs_reclaim
// taken under whatever the thread holds (might_alloc), and with `enomem` injected the
// allocation may fail (explored as a data choice).
#pragma once

#include <string_view>

#include "model/lockdep.h"

namespace resvcheck::model {

struct Kernel;

/// Returns false when the allocation fails (-ENOMEM). `what` tags the choice in traces and
/// must be a string literal.
bool allocate(Kernel& kernel, std::string_view what);

/// fs_reclaim, the one lockdep map reclaim runs under (fs_reclaim_acquire): it never blocks.
LockRef fs_reclaim_map();

}  // namespace resvcheck::model
