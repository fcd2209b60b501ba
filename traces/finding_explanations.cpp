#include "traces/finding_explanations.h"

#include <algorithm>
#include <fmt/format.h>

namespace resvcheck::traces {
namespace {

using sched::FindingKind;

constexpr std::array<FindingExplanation, sched::kFindingKindNames.size()> kExplanations = {{
    {FindingKind::deadlock,
     "two or more threads wait on each other, or every unfinished thread is blocked for good",
     "An ABBA (or longer) wait cycle: each thread sleeps on a lock another one in the cycle "
     "holds, so none of them ever runs again. On a real kernel this is a hung task; lockdep may "
     "or may not have warned before, depending on whether the orders were ever seen.",
     "Every lock attempt is a choice point whose guard tells the engine whether the thread can "
     "proceed and, if not, which thread it waits for. At each scheduling point the engine "
     "follows these wait-for edges: a cycle is reported with every thread on it. When no "
     "thread can run at all, the blocked threads that are not already in a reported cycle, not "
     "self-deadlocked and not waiting only on a thread stopped by unhandled_error are reported "
     "too (\"no thread can run and ... wait forever\"). ww_mutex contexts of the same class do "
     "not deadlock each other (wait-die / wound-wait make one of them back off with -EDEADLK); "
     "a NULL-context resv lock or a driver mutex on the cycle does.",
     "Take the locks in one order everywhere. Several reservation objects: lock them all under "
     "one ww_acquire_ctx (or drm_exec) and handle -EDEADLK by unlocking everything and "
     "retrying, never with dma_resv_lock(obj, NULL) while another resv is held. A driver mutex "
     "and a resv: decide which is outer and keep to it on every path (the ioctl, the shrinker, "
     "the fault handler)."},
    {FindingKind::self_deadlock, "a thread blocks on a lock instance it already holds",
     "A thread sleeps on a lock it holds itself: a mutex_lock on its own mutex, or a NULL-context "
     "dma_resv_lock on a resv it already holds, e.g. a self-locking helper called from inside a "
     "locked section. The task hangs forever. This is the review's case: from v6.5 "
     "drm_gem_shmem_pin() takes the resv itself, so calling it from inside drm_exec (or from a "
     "funcs->pin callback that drm_gem_pin() runs with the resv held) locks the same resv twice.",
     "The engine sees it when a lock attempt's guard names the current thread as the one it "
     "waits for. It is reported at once; the thread is parked for good and the others run on. "
     "That acquisition is not also reported as recursive_locking, and the thread is not counted "
     "again in a deadlock. A ww_mutex lock with the context that already holds it is not a "
     "self-deadlock: it returns -EALREADY, as in the kernel.",
     "Call the _locked variant when the caller already holds the resv "
     "(drm_gem_shmem_pin_locked(), exported from v6.10; drm_gem_shmem_object_pin() as the "
     "driver's funcs->pin), or drop the lock before calling the self-locking wrapper. Check "
     "which contract the helper has in each kernel version (`resvcheck versions`)."},
    {FindingKind::lock_order,
     "a cycle in the lock-class dependency graph: possible circular locking dependency",
     "lockdep's \"possible circular locking dependency detected\": some execution took class B "
     "while holding A, another took A while holding B (or a longer chain). No execution has to "
     "deadlock for this to be real: the right timing on a real machine will.",
     "Like lockdep, the model records for every blocking acquisition an edge from each class "
     "the thread holds to the class it acquires (trylocks add no edge, but a held trylocked lock "
     "is the source of later edges; nesting within one class adds none). The graph of a "
     "(scenario, version) is the union over all its explored executions, plus the order "
     "dma_resv_lockdep() primes at boot: mmap_lock -> reservation_ww_class_mutex -> fs_reclaim "
     "(and the acquire context before the resv). Any cycle is the finding; the witness is the "
     "execution that showed the cycle's first edge in sorted order. Cycles across scenario files "
     "are caught by `check --baseline` / `resvcheck lockgraph`.",
     "Pick one order and keep it on every path: move the inner acquisition out of the locked "
     "section, or take both locks in the documented order. Against the primed order: never take "
     "mmap_lock under a resv, and never block on a resv from reclaim (a shrinker must use "
     "dma_resv_trylock, since allocations under a resv already give resv -> fs_reclaim)."},
    {FindingKind::recursive_locking,
     "a second lock of a class the thread already holds, taken blocking, without a shared "
     "acquire context",
     "lockdep's \"possible recursive locking detected\": two instances of one lock class nested "
     "with nothing that orders them, typically two dma_resv_lock(obj, NULL) on different "
     "objects. Two threads doing it on the same objects in opposite order deadlock, and lockdep "
     "cannot tell which order is the right one.",
     "Checked on every blocking acquisition: if the thread already holds another instance of "
     "the same class and the acquisition is not nested under a shared ww_acquire_ctx (lockdep's "
     "nest_lock) held below it, the finding is raised (each thread and class is one site). "
     "Trylocks are "
     "exempt, as in lockdep; re-locking the very same instance is self_deadlock instead.",
     "Lock several reservation objects under one ww_acquire_ctx (dma_resv_lock(obj, ctx) with "
     "-EDEADLK back-off) or with drm_exec; if the second lock is opportunistic, use "
     "dma_resv_trylock. Lock two driver mutexes of one class only with an explicit nesting "
     "annotation and a documented order."},
    {FindingKind::assert_held, "dma_resv_assert_held / lockdep_assert_held failed",
     "A function whose contract is \"the caller holds the resv\" (the *_locked helpers, and from "
     "v6.5 most of the helper's internals) ran without it. On a real kernel with lockdep this is "
     "a WARN, and the state the lock protects (page and vmap counts, sgt, madv) is touched "
     "unlocked.",
     "The modeled helpers call dma_resv_assert_held() where the kernel function does; it checks "
     "that the current thread holds that resv in lockdep's held-lock stack (another thread "
     "holding it does not count). The message names the function, the lock and what the "
     "thread held. A scenario's own dma_resv_assert_held op is checked the same way.",
     "Take the resv around the call (dma_resv_lock ... dma_resv_unlock, or inside drm_exec), or "
     "call the self-locking wrapper instead of the _locked function. Watch the versions: a "
     "function that locked internally in v6.4 may expect the caller to hold the resv later."},
    {FindingKind::underflow, "a use count decremented at zero",
     "An unbalanced put: more unpin/vunmap/put_pages than pin/vmap/get_pages, often across two "
     "threads or on an error path. Before v6.16 the helper guards it with WARN_ON_ONCE and "
     "returns; from v6.16 the counters are refcount_t, which WARNs and saturates.",
     "Each modeled counter (pages_use_count, pages_pin_count, vmap_use_count, ...) reports a "
     "decrement at 0 with the function and object, then behaves as the version does: the "
     "WARN_ON_ONCE guard leaves the count at 0, a refcount_t underflow saturates it.",
     "Balance every get with exactly one put on every path, including error unwinding; make sure "
     "the put happens on the object and under the lock its get used; do not unpin from a path "
     "that cannot know whether the pin succeeded."},
    {FindingKind::warn, "another WARN or BUG the modeled kernel function raises",
     "The kernel function hit one of its own sanity checks: purging an object that is not "
     "purgeable, pinning or getting pages of an imported object, drm_gem_shmem_vm_open with no "
     "pages, a fault with no pages to map, building an sg table without pages, a failed vmap of "
     "an exported buffer, or the BUG_ON of a fault on a COW (MAP_PRIVATE) mapping before v6.10.",
     "The modeled helpers raise it exactly where the kernel function has the WARN_ON / BUG_ON, "
     "with the function and object in the message. After a WARN the call goes on with the "
     "version's guard behaviour (or returns without effect where the kernel would crash); after "
     "a BUG (the COW fault) the thread stops.",
     "Read the message: it names the check. Usually a missing precondition — check "
     "drm_gem_shmem_is_purgeable() under the resv before purging, do not call shmem page "
     "helpers on an imported object, keep the pages pinned while the mapping exists, refuse "
     "MAP_PRIVATE mappings of the object."},
    {FindingKind::leak, "at free or release, a use count, pin or vmap is left over",
     "The object was freed (last drm_gem_object_put) while something still held its pages, a "
     "pin or a kernel mapping: the WARNs in drm_gem_shmem_free()/release. The pages or the vmap "
     "are leaked, or freed under a user that still uses them.",
     "When the last reference goes, the modeled free checks every counter (vmap_use_count, "
     "pages_use_count, pages_pin_count in v6.16) as the kernel's free path does and reports "
     "each one left over. Objects the scenario never frees are not checked.",
     "Drop every vmap, pin and pages reference before the last put; on error paths undo what "
     "succeeded; a pin must be released by whoever took it before the object can go."},
    {FindingKind::use_after_free, "a call on a freed object",
     "A reference was dropped on an object that is already gone: the caller did not hold a "
     "reference of its own, or put one twice. On a real kernel this is a use-after-free of the "
     "GEM object (KASAN's report, or silent corruption).",
     "The model counts GEM references (the scenario's own, one per import, one while a drm_exec "
     "holds the object, one per mapping) and raises it when drm_gem_object_put() runs on an "
     "object whose count already reached 0. The call then does nothing and the thread goes on.",
     "Take a reference (drm_gem_object_get) for as long as the object is used outside the "
     "scope that guarantees it, and drop each reference exactly once; check the put on every "
     "error path."},
    {FindingKind::unlock_not_held, "unlocking a lock the thread does not hold",
     "mutex_unlock or dma_resv_unlock of a lock this task does not own: a double unlock, an "
     "unlock on a path where the lock was never taken (a trylock that failed, an error before "
     "the lock), or an unlock in another thread. lockdep reports \"bad unlock balance\".",
     "The modeled unlock checks the lock's owner against the current thread; on a mismatch it "
     "reports the finding and the unlock does nothing.",
     "Unlock only what the same path locked: check the trylock's result, and make the error "
     "labels unwind exactly what succeeded, in reverse order."},
    {FindingKind::lock_held_at_exit, "a thread ended holding a lock or a live acquire context",
     "The task returned to user space (or its work item ended) with a lock held or a "
     "ww_acquire_ctx not finished: lockdep's \"lock held when returning to user space\". "
     "Anyone who needs the lock later blocks forever.",
     "When a thread reaches its last op, lockdep's held-lock stack of that thread must be empty; "
     "each lock still on it, and each live acquire context, is reported. A thread stopped by "
     "unhandled_error is exempt: the unhandled error is the finding.",
     "Add the missing unlock on the path that returns early (usually an error path or an `on` "
     "handler), and end every acquire sequence with ww_acquire_fini() / drm_exec_fini()."},
    {FindingKind::ww_misuse, "the ww_mutex acquire-context protocol was broken",
     "The wait-die / wound-wait protocol only avoids deadlock if every context follows it: init, "
     "lock (on -EDEADLK unlock everything, lock_slow the contended lock, retry), done, unlock, "
     "fini. CONFIG_DEBUG_WW_MUTEX_SLOWPATH and lockdep catch the violations.",
     "The modeled ww_mutex and drm_exec check each rule: a lock after ww_acquire_done, fini with "
     "locks still held, lock_slow without a prior -EDEADLK or on another lock, acquiring more "
     "after -EDEADLK without unlocking, two live contexts in one thread, init of a live context, "
     "done twice, a context used by another thread, one lock used under contexts of two "
     "classes, drm_exec_lock on an exec that is still live, a new object after the exec's ticket "
     "is done.",
     "Follow the back-off protocol exactly: on -EDEADLK drop every lock of the context, take the "
     "contended one with ww_mutex_lock_slow / dma_resv_lock_slow, then retry the rest. Prefer "
     "drm_exec, which implements it. One context per thread at a time; fini it before init "
     "again."},
    {FindingKind::not_exported, "the call does not exist, or is static, in this helper version",
     "Driver code calls a helper that this kernel version does not export (for example "
     "drm_gem_shmem_pin_locked in v6.5, where it is static) or that was renamed: the driver does "
     "not build, or links against something with another contract.",
     "Each version declares the calls it really has; calling one it lacks reports the reason and "
     "the call does nothing (its ret and on are ignored), and the thread goes on.",
     "Use what the target version offers (`resvcheck versions` lists every call per version), "
     "or restrict the scenario's `versions` to those where the call exists."},
    {FindingKind::unexpected_return, "a call returned something other than its `ret`",
     "The helper's result differs from what the scenario (standing for the driver) relies on: "
     "an errno where success was assumed, true where false was, a SIGBUS from a fault. Often "
     "a contract change between versions, or a race that makes a call fail.",
     "The scenario interpreter compares the call's result with the op's `ret` after the call; on "
     "a mismatch it reports both values and the thread goes on (then a matching `on` handler "
     "runs).",
     "If the new result is legitimate, handle it in the driver (an `on` handler in the scenario) "
     "and fix the expectation; if not, find which interleaving or version produced it from the "
     "witness and fix the locking that let it happen."},
    {FindingKind::unhandled_error,
     "a call returned an error with no `ret` and no matching `on` handler",
     "A helper failed (-EDEADLK, -EINTR, -ENOMEM, -EIO, SIGBUS ...) and the driver has no path "
     "for it: in real code, an error ignored or returned with state half set up.",
     "When a call returns a negative errno or SIGBUS that neither the op's `ret` nor an `on` "
     "handler expects, the thread stops there, as the kernel function would return the error. "
     "It counts as exited, without lock_held_at_exit; threads waiting only on it are not "
     "reported as deadlocked.",
     "Handle the error: back off on -EDEADLK (unlock and retry with lock_slow), propagate "
     "-EINTR / -ENOMEM after unwinding what succeeded. In the scenario, add the `on` handler "
     "(or `ret`) the driver code has."},
    {FindingKind::final_state, "a `final` check failed",
     "At the end of an execution an object is not in the state the scenario says it must be "
     "in (a counter, has_pages, has_sgt, freed, madv): some interleaving leaves it otherwise, "
     "e.g. a purge lost to a concurrent pin, or a count left raised.",
     "After every complete execution (not a redundant one), the scenario's `final` entries are "
     "compared with the modeled object's state; each mismatch is reported with the expected and "
     "found values.",
     "Find the interleaving in the witness: the update that is lost or doubled is usually done "
     "outside the lock that protects it (a check-then-act across an unlock, a lockless fast "
     "path without the right ordering). Put the check and the update in one locked section."},
    {FindingKind::step_limit, "an execution exceeded max_steps: likely a livelock",
     "A retry loop that never makes progress: two threads backing off and retrying forever "
     "(-EDEADLK handlers that retry without lock_slow, trylock loops), or a scenario whose "
     "executions are simply longer than the limit.",
     "The engine counts the visible operations of each execution; past max_steps (default "
     "10,000) with threads still runnable it reports the finding, ends that execution and "
     "explores on.",
     "Make retries wait for the lock they lost (ww_mutex_lock_slow / dma_resv_lock_slow after "
     "-EDEADLK) instead of spinning. If the scenario is just long, raise --max-steps or the "
     "scenario's bounds.max_steps."},
}};

constexpr bool in_order() {
  for (size_t i = 0; i < kExplanations.size(); ++i)
    if (static_cast<size_t>(kExplanations[i].kind) != i) return false;
  return true;
}
static_assert(in_order(), "one explanation per finding kind, in FindingKind order");

/// `text` as paragraph lines of at most `width` columns, each indented by two spaces.
std::string wrap(std::string_view text, size_t width = 96) {
  std::string out, line;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, end - at);
    if (!line.empty() && 2 + line.size() + 1 + word.size() > width) {
      out += "  " + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + std::string(word);
    at = end + 1;
  }
  if (!line.empty()) out += "  " + line + "\n";
  return out;
}

}  // namespace

const FindingExplanation& explain_finding(sched::FindingKind kind) {
  return kExplanations[static_cast<size_t>(kind)];
}

std::string explanation_text(sched::FindingKind kind) {
  const FindingExplanation& e = explain_finding(kind);
  return fmt::format(
      "{}: {}\n\nWhat it means\n{}\nHow resvcheck detects it\n{}\nWhat usually fixes it\n{}",
      sched::finding_kind_name(kind), e.summary, wrap(e.meaning), wrap(e.detection), wrap(e.fixes));
}

}  // namespace resvcheck::traces
