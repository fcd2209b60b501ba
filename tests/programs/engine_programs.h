// Reusable engine-level test programs, written against the facade only. Each returns a Program
// that builds a fresh World per execution; passing Outcomes records every execution's final
// state and trace there (see world.h). Expected counts are in tests/scheduler/.
#pragma once

#include "scheduler/explorer.h"
#include "tests/programs/world.h"

namespace resvcheck::testprog {

/// n threads; thread i writes its own variable `writes` times. One Mazurkiewicz trace.
sched::Program independent(int n, int writes = 1, Outcomes* out = nullptr);
/// Mutation of independent(): n threads each write the same variable once. n! traces.
sched::Program shared_writer(int n, Outcomes* out = nullptr);

struct LockIncOptions {
  int mutexes = 1;         // thread i uses mutex i % mutexes
  bool counter = false;    // read and write a shared counter inside the critical section
  bool own_write = false;  // write the thread's own variable before taking the lock
};
/// n threads, each lock(m); [counter++;] unlock(m).
sched::Program lockinc(int n, LockIncOptions options = {}, Outcomes* out = nullptr);

/// `writers` threads each write x once (writer w stores w + 1), then n threads each read x once.
sched::Program readers(int n, int writers = 1, Outcomes* out = nullptr);

/// The Source-DPOR paper's lastzero(n): array[0..n] = 0; thread 0:
/// for (i = n; array[i] != 0; i--) ; thread j in 1..n: array[j] = array[j-1] + 1.
/// With `full_scan` (a mutation) thread 0 reads every cell from n down to 0.
sched::Program lastzero(int n, bool full_scan = false, Outcomes* out = nullptr);

/// A write lock m (write_lock): t0: write x; write_lock(m); write_unlock(m). t1: write m's
/// object (a ww_acquire_init's stamp); write_lock(m); write_unlock(m). Four traces; the one where
/// t1's first write comes before t0's lock and t0's section before t1's needs DPOR to reverse a
/// race whose later event is blocked where the earlier one ran.
sched::Program write_locks(Outcomes* out = nullptr);

/// k threads, thread i: lock(m[i]); lock(m[(i+1) % k]); unlock both. Deadlocks need a preemption.
sched::Program lock_cycle(int k, Outcomes* out = nullptr);
/// lock_cycle(2): thread 0 takes A then B, thread 1 B then A.
sched::Program abba(Outcomes* out = nullptr);
/// ABBA with both threads taking a third lock G around it: never a deadlock.
sched::Program abba_serialized(Outcomes* out = nullptr);

/// Thread 0: lock(a); lock(a) (self_deadlock). Thread 1: x = 1; lock(l); unlock(l), where l is
/// a second mutex b, or a itself when `shared` (then thread 1 may block forever on a: deadlock).
sched::Program self_relock(bool shared, Outcomes* out = nullptr);

/// A regression found by the random differential test (minimized): with preemption bound 1,
/// dfs reaches "t0 reads x, then t1 runs to its end, then t0" (one preemption); dpor must too.
///   t0: read x; trylock m; y = 1; unlock m; trylock m; unlock m
///   t1: read y; lock m; x = 1; read y; unlock m
sched::Program trylock_race(Outcomes* out = nullptr);

/// Thread 0 reads a flag until it is set; with `setter`, thread 1 sets it once; without, the
/// loop never ends (a step_limit in every execution).
sched::Program spin(bool setter, Outcomes* out = nullptr);

/// One thread that recurses `depth` levels with a 1 KiB frame each (overflows small stacks),
/// around one visible write.
sched::Program deep_recursion(int depth);

}  // namespace resvcheck::testprog
