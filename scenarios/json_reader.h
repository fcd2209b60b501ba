// Reading a JSON document with precise errors: every problem is collected (not only the first),
// each with the JSON pointer of the value at fault and an "expected ..., found ..." message.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace resvcheck::scenarios {

using Json = nlohmann::json;
using Pointer = Json::json_pointer;

/// One problem in an input file; `where` is a JSON pointer, or "line L, column C" for malformed
/// JSON. Printed as `FILE: where: message`.
struct Problem {
  std::string where;
  std::string message;
};

/// How a value found in the input reads in a message: a scalar as JSON, a container by its type.
std::string describe(const Json& found);

/// `text` with every byte that is not part of well-formed UTF-8 written as `\xNN`, and every
/// control character as `\uNNNN`, so that a message stays one printable line.
std::string printable(std::string_view text);

/// Parses `text` as one JSON document, stricter than JSON itself: the text must be UTF-8, an
/// object may not repeat a key (each repeat is a problem at its pointer; the last value is kept),
/// arrays and objects may nest at most `max_nesting` deep, and numbers must fit a double.
/// Returns the document unless it could not be read at all (then `problems` says why, by line
/// and column or by pointer). Documents whose top-level "format" starts with "resvcheck-" (the
/// checker's own outputs) are not held to `max_nesting`.
std::optional<Json> parse_json(std::string_view text, size_t max_nesting,
                               std::vector<Problem>& problems);

class JsonReader {
 public:
  explicit JsonReader(std::vector<Problem>& problems) : problems_(problems) {}

  void fail(const Pointer& at, std::string message);
  /// "expected `what`, found <the value>".
  void expected(const Pointer& at, std::string_view what, const Json& found);
  /// "expected `what`, found nothing": a required key is missing.
  void missing(const Pointer& at, std::string_view what);

  /// Whether `j` is an object; reports it otherwise.
  bool object(const Json& j, const Pointer& at, std::string_view what);
  /// Whether `j` is an array; reports it otherwise.
  bool array(const Json& j, const Pointer& at, std::string_view what);
  /// Reports every key of the object `j` that is not in `keys`.
  void known_keys(const Json& j, const Pointer& at, std::initializer_list<std::string_view> keys) {
    known_keys(j, at, std::span<const std::string_view>(keys.begin(), keys.size()));
  }
  template <size_t N>
  void known_keys(const Json& j, const Pointer& at, const std::array<std::string_view, N>& keys) {
    known_keys(j, at, std::span<const std::string_view>(keys));
  }
  void known_keys(const Json& j, const Pointer& at, std::span<const std::string_view> keys);
  /// The string `j`, or nothing (reported) when it is not one.
  std::optional<std::string> string(const Json& j, const Pointer& at, std::string_view what);
  /// The identifier `j` (a string of [a-z0-9_.-]+), or nothing (reported).
  std::optional<std::string> identifier(const Json& j, const Pointer& at);
  /// The integer `j` in [lo, hi], or nothing (reported).
  std::optional<uint64_t> integer(const Json& j, const Pointer& at, uint64_t lo, uint64_t hi);

  /// Whether no problem was reported so far.
  bool clean() const { return problems_.empty(); }

 private:
  std::vector<Problem>& problems_;
};

}  // namespace resvcheck::scenarios
