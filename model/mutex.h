// The plain kernel mutex: mutex_lock, mutex_lock_interruptible, mutex_trylock and mutex_unlock
// of kernel/locking/mutex.c (the same in every helper version), as driver-private locks (a
// scenario's `locks`) use it.
//
// Invariants:
//  - `owner` is the thread holding the mutex, kNoThread when it is free; only the owner changes
//    it from taken to free, and only a thread that finds it free takes it;
//  - every operation is one visible event on `id`: a lock is an acquire, an unlock a release, a
//    failed trylock or a misdirected unlock a read (it only looks at the owner);
//  - a mutex_lock that finds the mutex taken does not run: the engine keeps the thread disabled
//    with the owner as its blocker, so waiting is no event and the wait-for graph is exact;
//  - mutex_lock_interruptible with `eintr` injected: while another thread holds the mutex the
//    attempt is enabled (a read of the owner) and returns -EINTR if it runs in that state, which
//    stands for a signal arriving during the wait; a mutex found free is always taken;
//  - lockdep: each mutex is its own lock class, named like the mutex; a blocking lock is
//    validated (lock-order edges) before it waits, a trylock only records the lock as held.
//
// Misuses reported:
//  - self_deadlock: mutex_lock by the owner (raised by the engine, which parks the thread);
//  - unlock_not_held: mutex_unlock by a thread that does not hold it; the call does nothing.
#pragma once

#include <string_view>

#include "model/lockdep.h"
#include "scheduler/ids.h"

namespace resvcheck::model {

struct Kernel;

struct Mutex {
  /// Creates the mutex's shared object; only while an execution runs (in the program's start
  /// function). `kernel`, `name` and `cls` must outlive the execution. A driver mutex is its own
  /// lock class (cls empty); a per-object mutex such as pages_lock names its class.
  Mutex(Kernel& kernel, std::string_view name, std::string_view cls = {});

  Kernel* kernel;
  sched::ObjectId id;
  sched::ThreadId owner = sched::kNoThread;
  std::string_view name;
  std::string_view cls;

  LockRef ref() const { return {this, cls, name}; }
};

/// Sleeps until the mutex is free, then takes it.
void mutex_lock(Mutex& m);
/// mutex_lock whose wait a signal may end: 0 once it holds the mutex, or -EINTR (only with
/// `eintr` injected, and only if the mutex is held by another thread when it runs).
int mutex_lock_interruptible(Mutex& m);
/// Takes the mutex if it is free and returns true; returns false if any thread holds it, the
/// caller included. Never sleeps.
bool mutex_trylock(Mutex& m);
/// Drops the mutex; reports unlock_not_held (and leaves it as it is) if the caller does not
/// hold it.
void mutex_unlock(Mutex& m);

}  // namespace resvcheck::model
