// Allocations that may enter reclaim (pages, sg tables, vmap areas): lockdep sees fs_reclaim
// taken under whatever the thread holds (might_alloc), and with `enomem` injected the
// allocation may fail (explored as a data choice).
#pragma once

#include <string_view>

namespace resvcheck::model {

struct Kernel;

/// Returns false when the allocation fails (-ENOMEM). `what` tags the choice in traces and
/// must be a string literal.
bool allocate(Kernel& kernel, std::string_view what);

}  // namespace resvcheck::model
