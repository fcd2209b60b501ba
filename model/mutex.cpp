#include "model/mutex.h"

#include <string>

#include "model/errno.h"
#include "model/kernel.h"
#include "scheduler/facade.h"

namespace resvcheck::model {

using sched::Access;
using sched::kNoThread;
using sched::Readiness;

namespace {

/// Waits for the mutex and takes it; with `interruptible`, gives up (false) if it runs while
/// another thread holds the mutex.
bool lock_common(Mutex& m, bool interruptible) {
  const sched::ThreadId me = sched::current_thread();
  m.kernel->lockdep.check_acquire(m.ref(), nullptr);
  sched::visible(m.id, [&m, interruptible, me] {
    if (interruptible && m.owner != kNoThread && m.owner != me)
      return Readiness{Access::read, kNoThread};
    return Readiness{Access::acquire, m.owner, !interruptible};
  });
  if (m.owner != kNoThread) return false;  // interrupted: the guard let it run while held
  m.owner = me;
  m.kernel->lockdep.acquired({.lock = m.ref(), .how = ""});
  return true;
}

}  // namespace

Mutex::Mutex(Kernel& kernel, std::string_view name, std::string_view cls)
    : kernel(&kernel), id(sched::new_object(name)), name(name), cls(cls.empty() ? name : cls) {}

void mutex_lock(Mutex& m) { lock_common(m, false); }

int mutex_lock_interruptible(Mutex& m) {
  return lock_common(m, m.kernel->inject.eintr) ? 0 : kEINTR;
}

bool mutex_trylock(Mutex& m) {
  sched::visible(m.id, [&m] {
    return Readiness{m.owner == kNoThread ? Access::acquire : Access::read, kNoThread};
  });
  if (m.owner != kNoThread) return false;
  m.owner = sched::current_thread();
  m.kernel->lockdep.acquired({.lock = m.ref(), .how = "", .trylock = true});
  return true;
}

void mutex_unlock(Mutex& m) {
  const sched::ThreadId me = sched::current_thread();
  sched::visible(m.id, [&m, me] {
    return Readiness{m.owner == me ? Access::release : Access::read, kNoThread};
  });
  if (m.owner != me) {
    const std::string thread(sched::thread_name(me));
    const std::string lock(m.name);
    sched::report(sched::FindingKind::unlock_not_held,
                  "mutex '" + lock + "' unlocked by '" + thread + "' which does not hold it",
                  thread + ":mutex_unlock:" + lock);
    return;
  }
  m.owner = kNoThread;
  m.kernel->lockdep.released(&m);
}

}  // namespace resvcheck::model
