/* Two wait-die ww_mutex transactions lock a and b in opposite orders. A context gets its stamp
   from a global counter at ww_acquire_init (lower = older). ww_lock on a held mutex waits, except
   that a context already holding a lock dies with -EDEADLK when the holder is older (the wait-die
   rule). On -EDEADLK the transaction backs off drm_exec-style: it releases what it holds, takes
   the contended lock with lock_slow (which always waits), then locks the other one again,
   retrying while it dies. pan proves no interleaving deadlocks (no invalid end state) and that
   both transactions finish holding both locks.
   With -DNO_BACKOFF (wait_die_no_backoff.pml) the loser keeps what it holds and waits with
   lock_slow: the ABBA deadlock comes back.
   resvcheck side: wait_die(backoff) in bench/spin_bench.cpp. */

#define FREE 0
#define EDEADLK 1

byte owner[2];     /* per mutex: FREE or the owning transaction 1..2 */
byte stamp[3];     /* per transaction: its acquire context's stamp */
byte next_stamp = 0;
byte done = 0;

/* ww_mutex_lock(m, ctx): one atomic step, blocked while it would wait. */
inline ww_lock(m, me, held, ret) {
  atomic {
    if
    :: owner[m] == FREE -> owner[m] = me; ret = 0
    :: owner[m] != FREE && held > 0 && stamp[owner[m]] < stamp[me] -> ret = EDEADLK
    fi
  }
}

/* ww_mutex_lock_slow(m, ctx): waits until free, never dies. */
inline ww_lock_slow(m, me) {
  atomic { owner[m] == FREE -> owner[m] = me }
}

inline ww_unlock(m, me) {
  atomic { assert(owner[m] == me); owner[m] = FREE }
}

proctype tx(byte me; byte first; byte second) {
  bool hf = 0;
  bool hs = 0;
  byte ret = 0;
  atomic { next_stamp++; stamp[me] = next_stamp };  /* ww_acquire_init */
  ww_lock(first, me, 0, ret);
  assert(ret == 0);  /* a context holding nothing never dies */
  hf = 1;
  do
  :: ww_lock(second, me, hf + hs, ret);
     if
     :: ret == 0 -> hs = 1; break
     :: else ->
#ifdef NO_BACKOFF
        ww_lock_slow(second, me);  /* still holding first */
        hs = 1;
        break
#else
        ww_unlock(first, me);
        hf = 0;
        ww_lock_slow(second, me);
        hs = 1;
        ww_lock(first, me, hf + hs, ret);
        if
        :: ret == 0 -> hf = 1; break
        :: else ->  /* died on first: back off again, first becomes the contended one */
           ww_unlock(second, me);
           hs = 0;
           ww_lock_slow(first, me);
           hf = 1
        fi
#endif
     fi
  od;
  assert(owner[first] == me && owner[second] == me);  /* ww_acquire_done: both held */
  ww_unlock(second, me);
  ww_unlock(first, me);
  atomic { done++ }  /* ww_acquire_fini */
}

init {
  atomic {
    run tx(1, 0, 1);  /* locks a then b */
    run tx(2, 1, 0)   /* locks b then a */
  };
  _nr_pr == 1;
  assert(done == 2)
}
