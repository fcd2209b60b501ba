// The closed list of values an op's `ret` may name and its `on` handlers may catch
// (scenario-format.md, "Ops"), defined once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace resvcheck::scenarios {

enum class RetValue : uint8_t {
  zero,
  true_,
  false_,
  edeadlk,
  ealready,
  eintr,
  enomem,
  einval,
  eio,
  sigbus,
};

/// Indexed by RetValue: how the value reads in messages and as an `on` key ("0" and "true" are
/// success values, never `on` keys).
inline constexpr std::array<std::string_view, 10> kRetNames = {
    "0", "true", "false", "-EDEADLK", "-EALREADY", "-EINTR", "-ENOMEM", "-EINVAL", "-EIO", "SIGBUS",
};

inline std::string_view ret_name(RetValue v) { return kRetNames[static_cast<size_t>(v)]; }

/// 0 and true; every other value is a failure an `on` handler may catch.
constexpr bool is_success(RetValue v) { return v == RetValue::zero || v == RetValue::true_; }

/// A negative errno or SIGBUS: what an unhandled call reports (false is an answer, not an error).
constexpr bool is_error(RetValue v) { return !is_success(v) && v != RetValue::false_; }

/// A set of return values.
class RetSet {
 public:
  constexpr RetSet() = default;
  constexpr RetSet(std::initializer_list<RetValue> values) {
    for (RetValue v : values) insert(v);
  }
  constexpr void insert(RetValue v) { bits_ |= 1u << static_cast<unsigned>(v); }
  constexpr bool contains(RetValue v) const { return (bits_ >> static_cast<unsigned>(v)) & 1u; }
  constexpr bool empty() const { return bits_ == 0; }
  /// The failures among the members: what an `on` handler may catch.
  constexpr RetSet failures() const {
    RetSet s;
    for (size_t i = 0; i < kRetNames.size(); ++i)
      if (contains(static_cast<RetValue>(i)) && !is_success(static_cast<RetValue>(i)))
        s.insert(static_cast<RetValue>(i));
    return s;
  }
  /// The members as they read in JSON: `0, true` or `"false"` (quoted when `quoted`).
  std::string describe(bool quoted) const;

 private:
  uint32_t bits_ = 0;
};

/// The value an `on` key names ("false", an errno string or "SIGBUS").
std::optional<RetValue> parse_on_key(std::string_view key);

}  // namespace resvcheck::scenarios
