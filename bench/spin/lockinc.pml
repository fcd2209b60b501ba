/* N threads each increment a shared counter under one mutex (a load and a store, two steps);
   when all have finished the counter must be N. N is a macro: spin -DN=6 -a lockinc.pml.
   resvcheck side: lockinc(N) in bench/spin_bench.cpp. */
#include "mutex.h"

#ifndef N
#define N 4
#endif

byte m = FREE;
byte counter = 0;

proctype t(byte me) {
  byte c;
  lock(m, me);
  c = counter;
  counter = c + 1;
  unlock(m, me)
}

init {
  byte i = 1;
  atomic {
    do
    :: i <= N -> run t(i); i++
    :: else -> break
    od
  };
  _nr_pr == 1;  /* every t has exited */
  assert(counter == N)
}
