/* ABBA on two mutexes: t1 takes a then b, t2 takes b then a. One preemption between the two
   locks deadlocks them; pan reports it as an invalid end state (run without -E).
   resvcheck side: abba() in bench/spin_bench.cpp. */
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
  lock(b, 2);
  lock(a, 2);
  unlock(a, 2);
  unlock(b, 2)
}
