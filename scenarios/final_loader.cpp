#include "scenarios/final_loader.h"

#include <algorithm>
#include <optional>
#include <string>

namespace resvcheck::scenarios {
namespace {

std::optional<FinalKey> parse_key(std::string_view name) {
  for (size_t i = 0; i < kFinalKeyNames.size(); ++i)
    if (kFinalKeyNames[i] == name) return static_cast<FinalKey>(i);
  return std::nullopt;
}

bool is_flag(FinalKey k) {
  return k == FinalKey::has_pages || k == FinalKey::has_sgt || k == FinalKey::freed;
}

/// The value of `key`, or nothing (after a problem).
std::optional<int64_t> value(JsonReader& r, FinalKey key, const Json& j, const Pointer& at) {
  if (is_flag(key)) {
    if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
    r.expected(at, "true or false", j);
    return std::nullopt;
  }
  if (key == FinalKey::madv) {
    if (j.is_number_integer() && j.get<int64_t>() >= -1 && j.get<int64_t>() <= 1)
      return j.get<int64_t>();
    r.expected(at, "-1 (purged), 0 or 1 (dontneed)", j);
    return std::nullopt;
  }
  if (const auto n = r.integer(j, at, 0, kMaxFinalCount)) return static_cast<int64_t>(*n);
  return std::nullopt;
}

}  // namespace

std::vector<FinalCheck> load_final(JsonReader& r, const Json& j,
                                   const std::vector<ObjectSpec>& objects) {
  const Pointer at("/final");
  std::vector<FinalCheck> out;
  if (!r.object(j, at, "an object of {\"OBJECT\": {\"KEY\": VALUE}}")) return out;
  for (const auto& [name, values] : j.items()) {
    // By name, not a captured structured binding, which clang before 16 cannot capture.
    const auto obj = std::find_if(objects.begin(), objects.end(),
                                  [&n = name](const ObjectSpec& o) { return o.name == n; });
    if (obj == objects.end()) {
      r.fail(at / name, "expected an object declared in /objects, found key " + Json(name).dump());
      continue;
    }
    if (!r.object(values, at / name, "an object of {\"KEY\": VALUE}")) continue;
    for (const auto& [key_name, v] : values.items()) {
      const auto key = parse_key(key_name);
      if (!key) {
        r.fail(at / name / key_name,
               "expected one of pages_use_count, pages_pin_count, vmap_use_count, madv, "
               "has_pages, has_sgt, freed, found key " +
                   Json(key_name).dump());
        continue;
      }
      if (const auto val = value(r, *key, v, at / name / key_name))
        out.push_back({static_cast<uint32_t>(obj - objects.begin()), *key, *val});
    }
  }
  return out;
}

}  // namespace resvcheck::scenarios
