#include "model/ww_mutex.h"

#include <algorithm>
#include <string>

#include "model/errno.h"
#include "model/kernel.h"
#include "scheduler/facade.h"

namespace resvcheck::model {

using sched::Access;
using sched::kNoThread;
using sched::Readiness;
using sched::ThreadId;

namespace {

std::string me_name() { return std::string(sched::thread_name(sched::current_thread())); }

void misuse(const WwAcquireCtx& ctx, const std::string& what) {
  const std::string thread = me_name();
  sched::report(sched::FindingKind::ww_misuse,
                "'" + thread + "', context '" + std::string(ctx.name) + "': " + what,
                thread + ":" + std::string(ctx.name) + ":" + what);
}

// Whether `a` is older than `b` (smaller stamp).
bool older(const WwAcquireCtx* a, const WwAcquireCtx* b) { return a->stamp < b->stamp; }

// How an attempt on `m` would end if it ran now.
enum class Outcome : uint8_t { take, die, interrupted, wait };

Outcome outcome(const WwMutex& m, const WwAcquireCtx* ctx, Wait wait, ThreadId me) {
  if (m.owner == kNoThread) return Outcome::take;
  if (m.owner == me) return Outcome::wait;  // waits on itself: the engine's self_deadlock
  if (ctx != nullptr && ctx->acquired > 0) {
    // wait-die: a context holding locks dies rather than wait for an older one.
    if (ctx->cls->wait_die && m.ctx != nullptr && older(m.ctx, ctx)) return Outcome::die;
    // wound-wait: a wounded context dies the next time it would wait.
    if (!ctx->cls->wait_die && ctx->wounded) return Outcome::die;
  }
  if (wait == Wait::interruptible && m.kernel->inject.eintr) return Outcome::interrupted;
  return Outcome::wait;
}

// The event an attempt is: wound-wait mutexes share their class's object (see ww_mutex.h).
Access access_of(const WwMutex& m, Outcome o) {
  if (!m.cls->wait_die) return Access::write;
  return o == Outcome::take ? Access::acquire : Access::read;
}

// Debug checks of ww_mutex_lock_acquired, then the bookkeeping of a successful acquisition.
void take(WwMutex& m, WwAcquireCtx* ctx, bool trylock) {
  m.owner = sched::current_thread();
  m.ctx = ctx;
  std::string how = " (NULL ctx)";
  if (ctx != nullptr) {
    if (ctx->contending != nullptr) {
      if (ctx->contending != &m)
        misuse(*ctx, "took '" + std::string(m.name) + "' after -EDEADLK on '" +
                         std::string(ctx->contending->name) + "'");
      else if (ctx->acquired > 0)
        misuse(*ctx, "took '" + std::string(m.name) + "' after -EDEADLK without unlocking the " +
                         std::to_string(ctx->acquired) + " locks it held");
      ctx->contending = nullptr;
    }
    if (ctx->done) misuse(*ctx, "took '" + std::string(m.name) + "' after ww_acquire_done");
    ++ctx->acquired;
    how = ctx->how;
  }
  m.kernel->lockdep.acquired({m.ref(), ctx, how, trylock});
  // wound-wait: an older context queued here wounds its new holder.
  if (ctx != nullptr && !ctx->cls->wait_die)
    for (WwAcquireCtx* w : m.waiters)
      if (w->acquired > 0 && older(w, ctx)) ctx->wounded = true;
}

void drop(WwMutex& m) {
  if (m.ctx != nullptr && m.ctx->acquired > 0) --m.ctx->acquired;
  m.ctx = nullptr;
  m.owner = kNoThread;
  m.kernel->lockdep.released(&m);
}

int die(WwMutex& m, WwAcquireCtx& ctx) {
  if (ctx.contending != nullptr)
    misuse(ctx, "got -EDEADLK on '" + std::string(m.name) + "' while still backing off from '" +
                    std::string(ctx.contending->name) + "'");
  ctx.contending = &m;
  return kEDEADLK;
}

bool context_usable(WwAcquireCtx& ctx, const WwMutex& m) {
  if (!ctx.live) {
    misuse(ctx, "used on '" + std::string(m.name) + "' outside ww_acquire_init/fini");
    return false;
  }
  if (ctx.task != sched::current_thread()) misuse(ctx, "used by a thread that did not init it");
  if (ctx.cls != m.cls)
    misuse(ctx, "'" + std::string(m.name) + "' is used under contexts of two classes");
  return true;
}

int lock_common(WwMutex& m, WwAcquireCtx* ctx, Wait wait) {
  Kernel& k = *m.kernel;
  const ThreadId me = sched::current_thread();
  if (ctx != nullptr) {
    if (m.ctx == ctx) return kEALREADY;  // no wait, no lockdep event, nothing changes
    if (ctx->acquired == 0) ctx->wounded = false;
  }
  k.lockdep.check_acquire(m.ref(), ctx);
  const bool wound_wait = ctx != nullptr && !ctx->cls->wait_die;
  bool queued = false;
  if (wound_wait) {
    // The attempt is an event of its own, as the kernel's is atomic under the wait lock: a free
    // lock is taken at once; on a held one we queue up, and an older context that holds locks
    // wounds a younger holder.
    sched::visible(m.id, Access::write);
    if (m.owner != kNoThread && m.owner != me) {
      queued = true;
      m.waiters.push_back(ctx);
      if (m.ctx != nullptr && ctx->acquired > 0 && older(ctx, m.ctx)) m.ctx->wounded = true;
    }
  }
  if (!wound_wait || m.owner != kNoThread) {
    // It waits whenever the lock is held unless it may die (a context holding locks) or be
    // interrupted.
    const bool blocking =
        (ctx == nullptr || ctx->acquired == 0) && !(wait == Wait::interruptible && k.inject.eintr);
    sched::visible(m.id, [&m, ctx, wait, me, blocking] {
      const Outcome o = outcome(m, ctx, wait, me);
      return Readiness{access_of(m, o), o == Outcome::wait ? m.owner : kNoThread, blocking};
    });
  }
  if (queued) std::erase(m.waiters, ctx);
  switch (outcome(m, ctx, wait, me)) {
    case Outcome::die:
      return die(m, *ctx);
    case Outcome::interrupted:
      return kEINTR;
    case Outcome::take:
    case Outcome::wait:  // cannot be: the engine ran it only once it could proceed
      break;
  }
  take(m, ctx, /*trylock=*/false);
  // DEBUG_WW_MUTEX_SLOWPATH: a context lock beyond the first may be backed off, once per
  // transaction (the kernel stretches its injection interval so that retries end).
  if (ctx != nullptr && k.inject.edeadlk && !ctx->injected && ctx->acquired > 1 &&
      sched::choose(2, "edeadlk")) {
    ctx->injected = true;
    drop(m);
    return die(m, *ctx);
  }
  return 0;
}

}  // namespace

WwAcquireCtx::WwAcquireCtx(Kernel& kernel, std::string_view name, std::string how)
    : kernel(&kernel), name(name), how(std::move(how)) {}

WwMutex::WwMutex(Kernel& kernel, std::string_view name, WwClass& cls)
    : kernel(&kernel),
      cls(&cls),
      id(cls.wait_die ? sched::new_object(name) : cls.object),
      name(name) {}

LockRef WwMutex::ref() const { return {this, cls->mutex_class, name}; }

// ww_acquire_init
void ww_acquire_init(WwAcquireCtx& ctx, WwClass& cls) {
  Kernel& k = *ctx.kernel;
  const ThreadId me = sched::current_thread();
  if (ctx.live) misuse(ctx, "ww_acquire_init on a context that is still live");
  for (const HeldLock& h : k.lockdep.held(me))
    if (h.lock.cls == cls.acquire_class)
      misuse(ctx, "a second live acquire context in one thread (the first is '" +
                      std::string(h.lock.name) + "')");
  sched::visible(cls.object, Access::write);  // the stamp counter
  ctx.cls = &cls;
  ctx.stamp = cls.next_stamp++;
  if (sched::recording()) sched::note("stamp " + std::to_string(ctx.stamp));
  ctx.task = me;
  ctx.acquired = 0;
  ctx.live = true;
  ctx.done = false;
  ctx.wounded = false;
  ctx.contending = nullptr;
  ctx.injected = false;
  const LockRef ref{&ctx, cls.acquire_class, ctx.name};
  k.lockdep.check_acquire(ref, nullptr, /*check_recursion=*/false);
  k.lockdep.acquired({ref, nullptr, " (acquire context)", false});
}

// ww_acquire_done
void ww_acquire_done(WwAcquireCtx& ctx) {
  if (!ctx.live) {
    misuse(ctx, "ww_acquire_done on a context that is not live");
    return;
  }
  if (ctx.done) misuse(ctx, "ww_acquire_done called twice");
  ctx.done = true;
}

// ww_acquire_fini
void ww_acquire_fini(WwAcquireCtx& ctx) {
  if (!ctx.live) {
    misuse(ctx, "ww_acquire_fini on a context that is not live");
    return;
  }
  if (ctx.acquired > 0)
    misuse(ctx, "ww_acquire_fini with " + std::to_string(ctx.acquired) + " locks still held");
  ctx.kernel->lockdep.released(&ctx);
  ctx.live = false;
}

// ww_mutex_lock, ww_mutex_lock_interruptible
int ww_mutex_lock(WwMutex& m, WwAcquireCtx* ctx, Wait wait) {
  if (ctx != nullptr && !context_usable(*ctx, m)) ctx = nullptr;
  return lock_common(m, ctx, wait);
}

// ww_mutex_lock_slow, ww_mutex_lock_slow_interruptible
int ww_mutex_lock_slow(WwMutex& m, WwAcquireCtx& ctx, Wait wait) {
  if (!context_usable(ctx, m)) return lock_common(m, nullptr, wait);
  if (ctx.contending == nullptr) misuse(ctx, "ww_mutex_lock_slow without a prior -EDEADLK");
  return lock_common(m, &ctx, wait);
}

// ww_mutex_trylock
bool ww_mutex_trylock(WwMutex& m, WwAcquireCtx* ctx) {
  if (ctx != nullptr && !context_usable(*ctx, m)) ctx = nullptr;
  sched::visible(m.id, [&m] {
    const Outcome o = m.owner == kNoThread ? Outcome::take : Outcome::die;
    return Readiness{access_of(m, o), kNoThread};
  });
  if (m.owner != kNoThread) return false;
  take(m, ctx, /*trylock=*/true);
  return true;
}

// ww_mutex_unlock
void ww_mutex_unlock(WwMutex& m) {
  const ThreadId me = sched::current_thread();
  sched::visible(m.id, [&m, me] {
    return Readiness{
        m.owner == me ? (m.cls->wait_die ? Access::release : Access::write) : Access::read,
        kNoThread};
  });
  if (m.owner != me) {
    const std::string thread = me_name();
    sched::report(sched::FindingKind::unlock_not_held,
                  "'" + thread + "' unlocks '" + std::string(m.name) + "', which it does not hold",
                  thread + ":unlock:" + std::string(m.name));
    return;
  }
  drop(m);
}

}  // namespace resvcheck::model
