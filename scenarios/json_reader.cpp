#include "scenarios/json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace resvcheck::scenarios {
namespace {

/// The length of the well-formed UTF-8 sequence at `text[i]`, or 0 if there is none.
size_t utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

std::string hex_byte(unsigned char c, const char* format) {
  char buf[8];
  std::snprintf(buf, sizeof buf, format, c);
  return buf;
}

/// "line L, column C" of the byte at `offset` (both 1-based, columns in bytes, as nlohmann
/// counts them).
std::string position(std::string_view text, size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t line_start = before.rfind('\n');
  const size_t column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

/// `text` cut to at most `max` bytes, at a character boundary, with "..." when cut.
std::string shortened(std::string text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

/// The problem for malformed JSON, placed by line and column.
Problem syntax_problem(const Json::parse_error& e) {
  // what() reads "[json.exception.parse_error.101] parse error at line L, column C: DETAIL".
  const std::string what = printable(e.what());
  const size_t line = what.find("line ");
  const size_t detail = what.find(": ", line);
  if (line == std::string::npos || detail == std::string::npos) return {"", what};
  return {what.substr(line, detail - line), "invalid JSON: " + what.substr(detail + 2)};
}

/// Thrown by the parser callback to stop at nesting that is too deep.
struct TooDeep {};

/// Follows the parse to know the JSON pointer of the value being read, and reports repeated
/// keys and nesting deeper than the limit on the way.
class ParseTracker {
 public:
  ParseTracker(size_t max_nesting, std::vector<Problem>& problems)
      : max_nesting_(max_nesting), problems_(problems) {}

  bool event(Json::parse_event_t event, const Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (!output_ && frames_.size() >= max_nesting_) {
          problems_.push_back({here().to_string(), "expected at most " +
                                                       std::to_string(max_nesting_) +
                                                       " nested arrays and objects, found more"});
          throw TooDeep();
        }
        frames_.push_back({event == Json::parse_event_t::array_start, 0, {}, {}});
        break;
      case Json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second)
          problems_.push_back({here().to_string(), "expected each key once, found " +
                                                       Json(f.key).dump() +
                                                       " again (JSON keeps only the last value)"});
        break;
      }
      case Json::parse_event_t::value:
        if (frames_.size() == 1 && !frames_[0].array && frames_[0].key == "format" &&
            parsed.is_string() && parsed.get<std::string>().starts_with("resvcheck-"))
          output_ = true;
        next();
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        next();
        break;
    }
    return true;
  }

  /// The pointer of the value being read.
  Pointer here() const {
    Pointer p;
    for (const Frame& f : frames_) p = f.array ? p / f.index : p / f.key;
    return p;
  }

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;            // an array: the index of the element being read
    std::string key;             // an object: the key of the member being read
    std::set<std::string> keys;  // an object: the keys read so far
  };

  /// A value ended: an array's next element comes.
  void next() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }

  size_t max_nesting_;
  std::vector<Problem>& problems_;
  std::vector<Frame> frames_;
  bool output_ = false;  // a resvcheck output: no nesting limit
};

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_length(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 0) {
      out += hex_byte(c, "\\x%02X");
      ++i;
    } else if (n == 1 && (c < 0x20 || c == 0x7F)) {
      out += hex_byte(c, "\\u%04X");
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::optional<Json> parse_json(std::string_view text, size_t max_nesting,
                               std::vector<Problem>& problems) {
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_length(text, i);
    if (n == 0) {
      problems.push_back(
          {position(text, i), "expected UTF-8 text, found the byte " +
                                  hex_byte(static_cast<unsigned char>(text[i]), "0x%02X") +
                                  " (not UTF-8)"});
      return std::nullopt;
    }
    i += n;
  }
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // a BOM, which nlohmann skips
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.push_back({"line 1, column 1", "expected a scenario object, found an empty file"});
    return std::nullopt;
  }
  ParseTracker tracker(max_nesting, problems);
  try {
    return Json::parse(text, [&tracker](int /*depth*/, Json::parse_event_t event, Json& parsed) {
      return tracker.event(event, parsed);
    });
  } catch (const TooDeep&) {
  } catch (const Json::parse_error& e) {
    problems.push_back(syntax_problem(e));
  } catch (const Json::out_of_range& e) {
    // 406: "number overflow parsing 'TOKEN'", a number beyond what a double holds.
    const std::string what = e.what();
    const size_t open = what.find('\''), close = what.rfind('\'');
    if (e.id == 406 && open != std::string::npos && close > open)
      problems.push_back(
          {tracker.here().to_string(), "expected a number of magnitude at most 1.8e308, found " +
                                           shortened(what.substr(open + 1, close - open - 1), 40)});
    else
      problems.push_back({tracker.here().to_string(), "invalid JSON: " + printable(what)});
  } catch (const Json::exception& e) {
    problems.push_back({tracker.here().to_string(), "invalid JSON: " + printable(e.what())});
  }
  return std::nullopt;
}

std::string describe(const Json& found) {
  constexpr size_t kMaxChars = 40;
  switch (found.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::number_float:
      if (!std::isfinite(found.get<double>())) return "a number out of range";
      [[fallthrough]];
    default:
      return shortened(found.dump(), kMaxChars);
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
                            std::span<const std::string_view> keys) {
  for (const auto& [key, value] : j.items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string list;
    for (std::string_view k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
    fail(at / key, "expected one of the keys " + list + ", found unknown key " +
                       shortened(Json(key).dump(), 60));
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
