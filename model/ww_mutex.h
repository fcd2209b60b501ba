// ww_mutex and ww_acquire_ctx (include/linux/ww_mutex.h, kernel/locking/ww_mutex.h and mutex.c),
// the same in every helper version, over the engine's one blocking mechanism (guards).
//
// Modeled:
//  - stamps drawn from the class counter at ww_acquire_init (smaller = older); which context is
//    older is decided by the interleaving, since the counter is a visible object;
//  - -EALREADY only when the same non-NULL context re-locks; a NULL-context re-lock, or a lock
//    held by the caller under another context, waits on itself (the engine's self_deadlock);
//  - wait-die (the reservation class): a context that holds locks and finds the lock held by an
//    older context gets -EDEADLK; a waiter dies as soon as an older context holds the lock.
//    Not modeled: the kernel also kills a younger context that holds locks when it queues behind
//    an older waiter (__ww_mutex_add_waiter); the model lets it wait until that older context
//    holds the lock, so with two or more contexts queued on one lock it returns -EDEADLK later
//    than the kernel would (never a deadlock the kernel would not have);
//  - wound-wait: an older context that must wait wounds a younger holder that holds locks; a
//    wounded context gets -EDEADLK the next time it would wait. Every operation on a wound-wait
//    mutex is an event on the class's object (the wound crosses locks), so DPOR stays sound;
//  - _interruptible: with `eintr` injected, a wait may end in -EINTR (the lock is held by another
//    thread when the waiter runs); a lock found free never fails;
//  - trylock: false when the lock is held, by the caller too; never -EALREADY;
//  - `edeadlk` injection (DEBUG_WW_MUTEX_SLOWPATH): a successful context lock while the context
//    already holds another may be backed off with -EDEADLK (explored as a data choice), once per
//    context between init and fini, so that a back-off loop ends;
//  - lockdep: the context is a held lock of the class's acquire class; mutexes taken under it
//    nest in it, so many mutexes of one class under one context are not recursive locking.
//
// Misuses reported (ww_misuse, the kernel's DEBUG_WW_MUTEX / lockdep WARNs): lock after
// ww_acquire_done, fini with locks held, lock_slow without a prior -EDEADLK or on another lock,
// acquiring another lock after -EDEADLK without unlocking first, two live contexts in one thread,
// done twice, a mutex used under contexts of two classes, a context used by another thread.
// unlock_not_held for ww_mutex_unlock by a thread that does not hold it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/lockdep.h"
#include "scheduler/ids.h"

namespace resvcheck::model {

struct Kernel;
struct WwClass;
struct WwMutex;

struct WwAcquireCtx {
  /// `how` is how held locks print (" (ctx c)", " (exec e)"); `name` names it in messages.
  WwAcquireCtx(Kernel& kernel, std::string_view name, std::string how);

  Kernel* kernel;
  std::string_view name;
  std::string how;
  WwClass* cls = nullptr;
  sched::ThreadId task = sched::kNoThread;
  uint64_t stamp = 0;
  uint32_t acquired = 0;          // mutexes held under this context
  bool live = false;              // between init and fini
  bool done = false;              // ww_acquire_done called
  bool wounded = false;           // wound-wait: an older context waits on a lock we hold
  bool injected = false;          // an -EDEADLK was injected since ww_acquire_init
  WwMutex* contending = nullptr;  // the lock that returned -EDEADLK, until lock_slow takes it
};

struct WwMutex {
  /// `cls` is the class of the contexts that lock it in the scenario.
  WwMutex(Kernel& kernel, std::string_view name, WwClass& cls);

  Kernel* kernel;
  WwClass* cls;
  sched::ObjectId id;  // its own object (wait-die) or the class's (wound-wait): see above
  sched::ThreadId owner = sched::kNoThread;
  WwAcquireCtx* ctx = nullptr;  // the context it is held under; nullptr for a NULL context
  std::string_view name;
  std::vector<WwAcquireCtx*> waiters;  // wound-wait: contexts queued on it

  LockRef ref() const;
};

enum class Wait : uint8_t { uninterruptible, interruptible };

void ww_acquire_init(WwAcquireCtx& ctx, WwClass& cls);
void ww_acquire_done(WwAcquireCtx& ctx);
void ww_acquire_fini(WwAcquireCtx& ctx);

/// ww_mutex_lock[_interruptible]: 0, -EALREADY, -EDEADLK or -EINTR.
int ww_mutex_lock(WwMutex& m, WwAcquireCtx* ctx, Wait wait);
/// ww_mutex_lock_slow[_interruptible]: 0 or -EINTR.
int ww_mutex_lock_slow(WwMutex& m, WwAcquireCtx& ctx, Wait wait);
/// ww_mutex_trylock: true if it took the lock.
bool ww_mutex_trylock(WwMutex& m, WwAcquireCtx* ctx);
void ww_mutex_unlock(WwMutex& m);

}  // namespace resvcheck::model
