// Per-execution storage: a bump allocator whose blocks are kept across executions, plus the
// destructors to run when the execution ends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace resvcheck::sched {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() { reset(); }

  /// Inline while the current block has room (every make<T> of every execution comes here).
  void* allocate(size_t size, size_t align) {
    if (block_ < blocks_.size()) {
      const Block& b = blocks_[block_];
      const auto base = reinterpret_cast<uintptr_t>(b.data.get());
      const uintptr_t p = (base + used_ + align - 1) & ~(uintptr_t{align} - 1);
      if (p + size <= base + b.size) {
        used_ = p + size - base;
        return reinterpret_cast<void*>(p);
      }
    }
    return allocate_in_next_block(size, align);
  }
  void on_reset(void (*fn)(void*), void* obj) { destructors_.push_back({fn, obj}); }
  /// Runs the registered destructors (newest first) and makes all blocks free again.
  void reset();

 private:
  static constexpr size_t kBlockSize = 64 * 1024;
  void* allocate_in_next_block(size_t size, size_t align);
  struct Block {
    std::unique_ptr<std::byte[]> data;
    size_t size;
  };
  struct Destructor {
    void (*fn)(void*);
    void* obj;
  };
  std::vector<Block> blocks_;
  size_t block_ = 0;  // block in use
  size_t used_ = 0;   // bytes used in it
  std::vector<Destructor> destructors_;
};

}  // namespace resvcheck::sched
