// A set of finding kinds: what an exploration found, what a scenario expects.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "scheduler/finding.h"

namespace resvcheck::scenarios {

class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr void insert(sched::FindingKind k) { bits_ |= bit(k); }
  constexpr bool contains(sched::FindingKind k) const { return bits_ & bit(k); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool subset_of(KindSet o) const { return (bits_ & ~o.bits_) == 0; }
  constexpr bool intersects(KindSet o) const { return (bits_ & o.bits_) != 0; }
  constexpr bool operator==(const KindSet&) const = default;
  /// The members' names, sorted (as reports list them).
  std::vector<std::string_view> names() const;

 private:
  static constexpr uint32_t bit(sched::FindingKind k) { return 1u << static_cast<unsigned>(k); }
  uint32_t bits_ = 0;
};

}  // namespace resvcheck::scenarios
