#include "model/mutex.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::model {

using sched::Access;
using sched::kNoThread;
using sched::Readiness;

Mutex::Mutex(std::string_view name) : id(sched::new_object(name)), name(name) {}

void mutex_lock(Mutex& m) {
  sched::visible(m.id, [&m] { return Readiness{Access::acquire, m.owner}; });
  m.owner = sched::current_thread();
}

bool mutex_trylock(Mutex& m) {
  sched::visible(m.id, [&m] {
    return Readiness{m.owner == kNoThread ? Access::acquire : Access::read, kNoThread};
  });
  if (m.owner != kNoThread) return false;
  m.owner = sched::current_thread();
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
}

}  // namespace resvcheck::model
