#include "scheduler/arena.h"

#include <algorithm>

namespace resvcheck::sched {

void* Arena::allocate_in_next_block(size_t size, size_t align) {
  // The current block (if any) has no room for this: move on to the next, made if need be large
  // enough for the request.
  if (block_ < blocks_.size()) ++block_;
  used_ = 0;
  if (block_ == blocks_.size()) {
    const size_t bytes = std::max(kBlockSize, size + align);
    blocks_.push_back(Block{std::make_unique<std::byte[]>(bytes), bytes});
  }
  return allocate(size, align);
}

void Arena::reset() {
  for (auto it = destructors_.rbegin(); it != destructors_.rend(); ++it) it->fn(it->obj);
  destructors_.clear();
  block_ = 0;
  used_ = 0;
}

}  // namespace resvcheck::sched
