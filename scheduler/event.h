// A visible operation as the dependency relation sees it: which object, and how it is accessed.
// DPOR compares only these two fields; it never knows what kind of primitive an object is.
#pragma once

#include <string_view>

#include "scheduler/ids.h"

namespace resvcheck::sched {

enum class Access : uint8_t {
  read,     // a plain or atomic load; a failed trylock
  write,    // a plain or atomic store or read-modify-write
  acquire,  // a lock taken (blocking or successful trylock)
  release,  // a lock dropped
};

std::string_view access_name(Access a);

struct Event {
  ObjectId object = 0;
  Access access = Access::read;
  /// An acquire that waits, rather than fails or backs off, while another thread holds the
  /// lock: it can never be moved before that thread's release (Readiness::blocking).
  bool blocking = false;
};

/// Two events conflict when they touch the same object and at least one of them is not a read.
inline bool dependent(Event a, Event b) {
  return a.object == b.object && (a.access != Access::read || b.access != Access::read);
}

/// What a pending operation would do if it ran now. `blocker` is kNoThread when it can run;
/// otherwise the thread holding what it waits for (an edge of the wait-for graph; the thread
/// itself for a self-deadlock). `access` may depend on the state: a trylock is an acquire when
/// the lock is free and a read when it is held.
// Four bytes, not three: a guard returns it at every step, and a three-byte struct comes back
// through the stack (lockinc(7): 165 ns a step instead of 130).
struct alignas(4) Readiness {
  Access access = Access::read;
  ThreadId blocker = kNoThread;
  /// Whether the operation waits whenever another thread holds what it takes (a lock), rather
  /// than failing or backing off (a trylock, an interruptible wait, a ww_mutex that may die).
  bool blocking = false;
};

/// A non-owning callable the engine evaluates whenever it needs to know whether the pending
/// operation of a thread can run. It lives on the waiting thread's stack, which stays intact
/// while that thread is suspended at the choice point.
class Guard {
 public:
  template <class F>
  Guard(const F& f)  // NOLINT(google-explicit-constructor): built from lambdas at call sites
      : fn_([](const void* c) { return (*static_cast<const F*>(c))(); }), ctx_(&f) {}
  Readiness operator()() const { return fn_(ctx_); }

 private:
  Readiness (*fn_)(const void*);
  const void* ctx_;
};

}  // namespace resvcheck::sched
