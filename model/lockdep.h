// lockdep as the model keeps it (kernel/locking/lockdep.c, always on): per-thread stacks of held
// locks, lock classes, and the class dependency graph, recorded as engine observations so that
// the graph is the union over every explored execution, with a witness per edge.
//
// Invariants:
//  - a thread's stack holds the locks it acquired and has not released, oldest first; acquire
//    contexts (ww_acquire_init) are held "locks" of their acquire class, as in the kernel;
//  - an edge A -> B is recorded when a thread that holds a lock of class A attempts a blocking
//    acquisition of class B (before it waits, as lockdep validates at lock_acquire); a trylock
//    adds no edge but a held trylocked lock is the source of later edges; nesting within one
//    class adds no edge.
//
// Misuses reported:
//  - recursive_locking: a blocking attempt on another instance of a class the thread already
//    holds (lockdep's "possible recursive locking"), unless the attempt nests in an acquire
//    context the thread took before that instance (check_deadlock's nest_lock rule); a second
//    attempt on the very same instance is the engine's self_deadlock, not this;
//  - lock_held_at_exit: locks or live acquire contexts held when a thread ends (check_exit).
// Unlocking a lock not held is reported by the primitive that knows how to describe it
// (released() returns false).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scheduler/ids.h"

namespace resvcheck::model {

/// The lock classes of the model (lockdep's class names). Driver mutexes use their scenario name.
namespace lock_class {
inline constexpr std::string_view resv = "reservation_ww_class_mutex";
inline constexpr std::string_view resv_acquire = "reservation_ww_class_acquire";
inline constexpr std::string_view ww = "ww_class_mutex";
inline constexpr std::string_view ww_acquire = "ww_class_acquire";
inline constexpr std::string_view pages_lock = "pages_lock";
inline constexpr std::string_view vmap_lock = "vmap_lock";
inline constexpr std::string_view mmap_lock = "mmap_lock";
inline constexpr std::string_view fs_reclaim = "fs_reclaim";
}  // namespace lock_class

/// A lock instance as lockdep sees it. All three fields must outlive the execution.
struct LockRef {
  const void* instance = nullptr;  // identity
  std::string_view cls;            // class
  std::string_view name;           // as reports print it: "bo.resv", "a", "mmap_lock"
};

struct HeldLock {
  LockRef lock;
  const void* nest = nullptr;  // the acquire context it was taken under (nest_lock), if any
  std::string how;             // "", " (NULL ctx)", " (ctx c)", " (exec e)"
  bool trylock = false;
};

/// Per execution (create it with sched::make).
class Lockdep {
 public:
  /// Validates a blocking acquisition attempt by the current thread, before it may wait: records
  /// held-class -> lock.cls edges and reports recursive_locking. With check_recursion false
  /// (acquire contexts, whose misuse ww_mutex reports itself) only the edges are recorded.
  void check_acquire(const LockRef& lock, const void* nest, bool check_recursion = true);
  /// The current thread now holds `held`.
  void acquired(HeldLock held);
  /// Drops `instance` from the current thread's stack; false if the thread does not hold it.
  bool released(const void* instance);
  /// The held-lock entry of `instance` in thread t's stack, if t holds it.
  const HeldLock* find(sched::ThreadId t, const void* instance) const;
  bool holds(sched::ThreadId t, const void* instance) const { return find(t, instance); }
  const std::vector<HeldLock>& held(sched::ThreadId t) const;
  /// "bo.resv (NULL ctx), a": what thread t holds, oldest first; "nothing" when empty.
  std::string held_text(sched::ThreadId t) const;
  /// Reports lock_held_at_exit for everything the current thread still holds, then forgets it.
  void check_exit();

  /// While set, every acquisition ("takes <class>") and every passed or failed lock assertion
  /// ("asserts <caller>") is appended to `journal`: how a call's lock contract is tested.
  void record_to(std::vector<std::string>* journal) { journal_ = journal; }
  void note(std::string entry) {
    if (journal_ != nullptr) journal_->push_back(std::move(entry));
  }

 private:
  std::vector<HeldLock>& stack(sched::ThreadId t);
  std::vector<std::vector<HeldLock>> stacks_;  // by thread id
  std::vector<std::string>* journal_ = nullptr;
};

/// The observation key of an edge, and back.
std::string lock_edge_key(std::string_view from, std::string_view to);
std::optional<std::pair<std::string, std::string>> parse_lock_edge_key(std::string_view key);

}  // namespace resvcheck::model
