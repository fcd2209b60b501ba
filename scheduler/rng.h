// A small seeded generator (splitmix64): the same seed gives the same sequence on every machine,
// which std::uniform_int_distribution does not promise.
#pragma once

#include <cstdint>

namespace resvcheck::sched {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n), n > 0.
  uint32_t below(uint32_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return static_cast<uint32_t>(x % n);
  }

 private:
  uint64_t state_;
};

}  // namespace resvcheck::sched
