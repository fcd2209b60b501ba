// Seeded random small programs for differential tests (dpor against dfs): by default 2-4 threads
// of 1-4 operations each over 1-3 mutexes and 1-3 variables. The same seed gives the same program
// on every platform (own generator, no <random> distributions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scheduler/explorer.h"
#include "tests/programs/world.h"

namespace resvcheck::testprog {

struct RandomOp {
  enum class Kind : uint8_t {
    read,     // acc = acc * 7 + x (mod 1009)
    write,    // x = acc * 3 + 10 * (thread + 1) + op index
    lock,     // skipped when the thread holds the mutex
    unlock,   // only when the thread holds the mutex
    trylock,  // acc = acc * 2 + success
  };
  Kind kind = Kind::read;
  uint8_t target = 0;  // variable or mutex index
};

struct RandomProgram {
  uint64_t seed = 0;
  int mutexes = 1;
  int variables = 1;
  std::vector<std::vector<RandomOp>> threads;
  /// e.g. "seed 7: m=2 v=1 | t0: lock m0, write v0 | t1: trylock m1, read v0"
  std::string describe() const;
};

/// Size ranges of a random program (inclusive).
struct RandomShape {
  int min_threads = 2, max_threads = 4;
  int min_ops = 1, max_ops = 4;
  int max_mutexes = 3, max_variables = 3;
};

RandomProgram random_program(uint64_t seed, const RandomShape& shape = {});

/// The program as an engine Program. Every thread releases the mutexes it still holds at its end,
/// in reverse acquisition order. `p` must outlive every exploration of the returned Program.
sched::Program program_of(const RandomProgram& p, Outcomes* out = nullptr);

}  // namespace resvcheck::testprog
