// A schedule: the list of every choice one execution made. It is the whole truth about an
// execution: replaying it through the same engine reproduces the execution step by step.
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scheduler/ids.h"

namespace resvcheck::sched {

struct Decision {
  enum class Kind : uint8_t { thread, value };
  Kind kind = Kind::thread;
  uint32_t value = 0;    // the thread scheduled, or the value chosen
  std::string_view tag;  // for values: the tag passed to choose() (a string literal)

  static Decision thread(ThreadId t) { return {Kind::thread, t, {}}; }
  static Decision choice(uint32_t v, std::string_view tag) { return {Kind::value, v, tag}; }
  bool operator==(const Decision& o) const { return kind == o.kind && value == o.value; }
  auto operator<=>(const Decision& o) const {
    if (auto c = kind <=> o.kind; c != 0) return c;
    return value <=> o.value;
  }
};

using Schedule = std::vector<Decision>;

}  // namespace resvcheck::sched
