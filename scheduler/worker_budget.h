// The idle OS threads of a run (--jobs N): an exploration borrows one to explore its subtrees
// side by side and gives it back when it has no subtree left to hand out.
#pragma once

#include <atomic>
#include <cstdint>

namespace resvcheck::sched {

class WorkerBudget {
 public:
  explicit WorkerBudget(uint32_t idle) : idle_(idle) {}
  bool try_take() {
    uint32_t n = idle_.load(std::memory_order_relaxed);
    while (n > 0)
      if (idle_.compare_exchange_weak(n, n - 1, std::memory_order_acquire)) return true;
    return false;
  }
  void give() { idle_.fetch_add(1, std::memory_order_release); }
  uint32_t idle() const { return idle_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint32_t> idle_;
};

}  // namespace resvcheck::sched
