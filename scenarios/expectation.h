// What a scenario expects for one version, and the verdict on what an exploration found
// (scenario-format.md, "Expectation semantics").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "scenarios/kind_set.h"

namespace resvcheck::scenarios {

struct Expectation {
  /// "clean": nothing may be found.
  static Expectation clean() { return {KindSet(), {}, {}}; }

  /// Set for "clean" (the empty set) and for an array: the found set must equal it.
  std::optional<KindSet> exact;
  /// The {"includes", "excludes"} form, used when `exact` is unset: membership only.
  KindSet includes;
  KindSet excludes;
};

enum class Status : uint8_t { pass, fail, incomplete, error };

inline constexpr std::array<std::string_view, 4> kStatusNames = {"pass", "fail", "incomplete",
                                                                 "error"};

inline std::string_view status_name(Status s) { return kStatusNames[static_cast<size_t>(s)]; }

/// The verdict on `found`. An exploration that is not `complete` is judged on what it found:
/// fail if that already breaks the expectation, pass if no further execution could change the
/// verdict, otherwise incomplete.
Status judge(const Expectation& expected, KindSet found, bool complete);

}  // namespace resvcheck::scenarios
