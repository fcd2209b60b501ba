#include "model/dma_resv.h"

#include <string>

#include "model/kernel.h"
#include "scheduler/facade.h"

namespace resvcheck::model {

// dma_resv_assert_held (lockdep_assert_held on the resv's mutex)
bool dma_resv_assert_held(DmaResv& r, std::string_view caller) {
  const sched::ThreadId me = sched::current_thread();
  r.lock.kernel->lockdep.note("asserts " + std::string(caller));
  if (r.lock.kernel->lockdep.holds(me, &r.lock)) return true;
  const std::string thread(sched::thread_name(me));
  sched::report(sched::FindingKind::assert_held,
                std::string(caller) + ": '" + thread + "' does not hold " +
                    std::string(r.lock.name) +
                    " (holding: " + r.lock.kernel->lockdep.held_text(me) + ")",
                thread + ":" + std::string(caller) + ":" + std::string(r.lock.name));
  // The caller goes on to touch what the lock protects without holding it: that access races
  // with every other user of the object, including lockless readers (the shrinker's
  // is_purgeable), so it is a visible write on the lock's object.
  sched::visible(r.lock.id, sched::Access::write);
  return false;
}

}  // namespace resvcheck::model
