#include "scheduler/arena.h"

#include <algorithm>
#include <cstdint>

namespace resvcheck::sched {

void* Arena::allocate(size_t size, size_t align) {
  for (;;) {
    while (block_ < blocks_.size()) {
      Block& b = blocks_[block_];
      const auto base = reinterpret_cast<uintptr_t>(b.data.get());
      const uintptr_t p = (base + used_ + align - 1) & ~(uintptr_t{align} - 1);
      if (p + size <= base + b.size) {
        used_ = p + size - base;
        return reinterpret_cast<void*>(p);
      }
      ++block_;
      used_ = 0;
    }
    const size_t bytes = std::max(kBlockSize, size + align);
    blocks_.push_back(Block{std::make_unique<std::byte[]>(bytes), bytes});
  }
}

void Arena::reset() {
  for (auto it = destructors_.rbegin(); it != destructors_.rend(); ++it) it->fn(it->obj);
  destructors_.clear();
  block_ = 0;
  used_ = 0;
}

}  // namespace resvcheck::sched
