/* A non-recursive mutex as the resvcheck engine programs model it (bench/spin_bench.cpp):
   0 = free, otherwise the owner's number. Taking it is one atomic step that is blocked while
   the mutex is held; a process blocked forever is SPIN's invalid end state (the deadlock). */
#define FREE 0
#define lock(m, me)   atomic { m == FREE -> m = me }
#define unlock(m, me) atomic { assert(m == me); m = FREE }
