// Fibers: one per modeled thread, switched only by the engine. Stacks come from a pool, are reused
// across executions, and have a guard page below them: an overflow is caught and reported as an
// error of that execution, never a silent corruption or a crash. Switches are announced to
// AddressSanitizer, and stacks registered with Valgrind, so both follow the fibers.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace resvcheck::sched {

class Fiber {
 public:
  using Entry = void (*)(void* arg);

  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;
  ~Fiber();

  /// Prepares the fiber to run entry(arg) from the top of its stack. A previously suspended run
  /// is abandoned without unwinding (model code keeps no heap-owning locals across a switch).
  void reset(Entry entry, void* arg);
  /// Switches from the engine into the fiber until it calls suspend() or its entry returns.
  /// Returns false if the fiber overflowed its stack (the fiber is then unusable until reset).
  bool resume();
  /// Called on a fiber: switches back to the engine.
  static void suspend();
  bool finished() const { return finished_; }

 private:
  friend class StackPool;
  friend struct FiberAccess;
  Fiber(char* mapping, size_t mapping_size, size_t guard);

  char* mapping_;  // guard page(s) at the low end, then the usable stack
  size_t mapping_size_;
  size_t guard_;
  void* context_ = nullptr;  // the suspended fiber context
  Entry entry_ = nullptr;
  void* arg_ = nullptr;
  bool finished_ = false;
  unsigned valgrind_stack_id_ = 0;  // VALGRIND_STACK_REGISTER's id (0 without valgrind.h)
};

/// Owns fibers and hands them out; released fibers are kept for the next execution. One pool per
/// OS thread that explores (fibers never migrate between OS threads).
class StackPool {
 public:
  explicit StackPool(size_t stack_size);
  ~StackPool();
  Fiber* acquire();
  void release(Fiber* f);
  size_t stack_size() const { return stack_size_; }

 private:
  size_t stack_size_;
  std::vector<std::unique_ptr<Fiber>> all_;
  std::vector<Fiber*> free_;
};

}  // namespace resvcheck::sched
