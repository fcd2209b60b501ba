/* The buggy variant of wait_die.pml: on -EDEADLK the transaction does not release what it
   holds before lock_slow, so the two wait on each other: pan finds the deadlock (invalid end
   state). resvcheck side: wait_die(backoff = false) in bench/spin_bench.cpp. */
#define NO_BACKOFF
#include "wait_die.pml"
