// The closed list of finding kinds (scenario-format.md, "Finding kinds"), defined once: every
// printer, parser and test uses these names. The engine itself raises deadlock, self_deadlock and
// step_limit; model code raises the rest through report().
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "scheduler/ids.h"

namespace resvcheck::sched {

enum class FindingKind : uint8_t {
  deadlock,
  self_deadlock,
  lock_order,
  recursive_locking,
  assert_held,
  underflow,
  warn,
  leak,
  use_after_free,
  unlock_not_held,
  lock_held_at_exit,
  ww_misuse,
  not_exported,
  unexpected_return,
  unhandled_error,
  final_state,
  step_limit,
};

inline constexpr std::array<std::string_view, 17> kFindingKindNames = {
    "deadlock",          "self_deadlock", "lock_order",   "recursive_locking", "assert_held",
    "underflow",         "warn",          "leak",         "use_after_free",    "unlock_not_held",
    "lock_held_at_exit", "ww_misuse",     "not_exported", "unexpected_return", "unhandled_error",
    "final_state",       "step_limit",
};

inline std::string_view finding_kind_name(FindingKind k) {
  return kFindingKindNames[static_cast<size_t>(k)];
}
std::optional<FindingKind> parse_finding_kind(std::string_view name);

/// One occurrence of a finding in one execution.
struct Finding {
  FindingKind kind = FindingKind::warn;
  ThreadId thread = kNoThread;  // kNoThread: raised at the end of the execution, by no thread
  ThreadSet threads;            // every thread involved (a deadlock's cycle); {thread} otherwise
  uint32_t step = 0;            // index of the visible operation during which it was raised
  std::string message;
  std::string site;  // distinguishes distinct places (thread, call, object or lock)
};

}  // namespace resvcheck::sched
