/* The clean variant of abba.pml: both threads take a then b, so no interleaving deadlocks.
   resvcheck side: abba(ordered = true) in bench/spin_bench.cpp. */
#include "mutex.h"

byte a = FREE;
byte b = FREE;

active proctype t1() {
  lock(a, 1);
  lock(b, 1);
  unlock(b, 1);
  unlock(a, 1)
}

active proctype t2() {
  lock(a, 2);
  lock(b, 2);
  unlock(b, 2);
  unlock(a, 2)
}
