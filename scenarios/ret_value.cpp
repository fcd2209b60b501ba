#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

std::string RetSet::describe(bool as_keys) const {
  std::string out;
  size_t left = 0;
  for (size_t i = 0; i < kRetNames.size(); ++i) left += contains(static_cast<RetValue>(i));
  for (size_t i = 0; i < kRetNames.size(); ++i) {
    const auto v = static_cast<RetValue>(i);
    if (!contains(v)) continue;
    const bool bare = !as_keys && v <= RetValue::false_;  // JSON 0, true, false
    out += bare ? std::string(ret_name(v)) : "\"" + std::string(ret_name(v)) + "\"";
    --left;
    out += left > 1 ? ", " : left == 1 ? " or " : "";
  }
  return out;
}

std::optional<RetValue> parse_on_key(std::string_view key) {
  for (size_t i = 0; i < kRetNames.size(); ++i) {
    const auto v = static_cast<RetValue>(i);
    if (ret_name(v) == key && !is_success(v)) return v;
  }
  return std::nullopt;
}

}  // namespace resvcheck::scenarios
