#include "model/page_alloc.h"

#include "model/kernel.h"
#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {
// fs_reclaim is one lockdep map for the whole kernel: its address is its identity.
constexpr char kFsReclaim = 0;
}  // namespace

LockRef fs_reclaim_map() { return {&kFsReclaim, lock_class::fs_reclaim, lock_class::fs_reclaim}; }

bool allocate(Kernel& kernel, std::string_view what) {
  kernel.lockdep.check_acquire(fs_reclaim_map(), nullptr);
  return !(kernel.inject.enomem && sched::choose(2, what) == 1);
}

}  // namespace resvcheck::model
