#include "scenarios/json_reader.h"

#include <algorithm>

namespace resvcheck::scenarios {

std::string describe(const Json& found) {
  constexpr size_t kMaxChars = 40;
  switch (found.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    default: {
      std::string text = found.dump();
      if (text.size() > kMaxChars) text = text.substr(0, kMaxChars) + "...";
      return text;
    }
  }
}

void JsonReader::fail(const Pointer& at, std::string message) {
  problems_.push_back({at.to_string(), std::move(message)});
}

void JsonReader::expected(const Pointer& at, std::string_view what, const Json& found) {
  fail(at, "expected " + std::string(what) + ", found " + describe(found));
}

void JsonReader::missing(const Pointer& at, std::string_view what) {
  fail(at, "expected " + std::string(what) + ", found nothing");
}

bool JsonReader::object(const Json& j, const Pointer& at, std::string_view what) {
  if (j.is_object()) return true;
  expected(at, what, j);
  return false;
}

bool JsonReader::array(const Json& j, const Pointer& at, std::string_view what) {
  if (j.is_array()) return true;
  expected(at, what, j);
  return false;
}

void JsonReader::known_keys(const Json& j, const Pointer& at,
                            std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : j.items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string list;
    for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    fail(at / key, "expected one of the keys " + list + ", found unknown key \"" + key + "\"");
  }
}

std::optional<std::string> JsonReader::string(const Json& j, const Pointer& at,
                                              std::string_view what) {
  if (j.is_string()) return j.get<std::string>();
  expected(at, what, j);
  return std::nullopt;
}

std::optional<std::string> JsonReader::identifier(const Json& j, const Pointer& at) {
  constexpr std::string_view kWhat = "a name of [a-z0-9_.-]+";
  auto name = string(j, at, kWhat);
  if (!name) return std::nullopt;
  const bool valid = !name->empty() && std::all_of(name->begin(), name->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
  if (valid) return name;
  expected(at, kWhat, j);
  return std::nullopt;
}

std::optional<uint64_t> JsonReader::integer(const Json& j, const Pointer& at, uint64_t lo,
                                            uint64_t hi) {
  const bool in_range =
      (j.is_number_unsigned() || (j.is_number_integer() && j.get<int64_t>() >= 0)) &&
      j.get<uint64_t>() >= lo && j.get<uint64_t>() <= hi;
  if (in_range) return j.get<uint64_t>();
  expected(at, "an integer from " + std::to_string(lo) + " to " + std::to_string(hi), j);
  return std::nullopt;
}

}  // namespace resvcheck::scenarios
