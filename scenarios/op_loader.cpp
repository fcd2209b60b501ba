#include "scenarios/op_loader.h"

#include <algorithm>

namespace resvcheck::scenarios {
namespace {

std::optional<RetValue> parse_ret(const Json& j) {
  if (j.is_number_integer() && j.get<int64_t>() == 0) return RetValue::zero;
  if (j.is_boolean()) return j.get<bool>() ? RetValue::true_ : RetValue::false_;
  if (j.is_string()) {  // an errno or "SIGBUS"; false is the JSON literal, not a string
    const auto v = parse_on_key(j.get<std::string>());
    if (v && *v != RetValue::false_) return v;
  }
  return std::nullopt;
}

RetSet all_ret_values() {
  RetSet all;
  for (size_t i = 0; i < kRetNames.size(); ++i) all.insert(static_cast<RetValue>(i));
  return all;
}

class OpLoader {
 public:
  OpLoader(JsonReader& reader, const std::vector<std::string>& locks) : r_(reader), locks_(locks) {}

  std::vector<Op> ops(const Json& j, const Pointer& at) {
    std::vector<Op> out;
    if (!r_.array(j, at, "an array of ops")) return out;
    for (size_t i = 0; i < j.size(); ++i)
      if (auto o = op(j[i], at / i)) out.push_back(std::move(*o));
    return out;
  }

 private:
  std::optional<Op> op(const Json& j, const Pointer& at) {
    if (!r_.object(j, at, "an op {\"call\": ...}")) return std::nullopt;
    const auto c = call(j, at);
    if (!c) return std::nullopt;
    Op o;
    o.call = *c;
    if (*c == Call::return_) {
      r_.known_keys(j, at, {"call"});
      return o;
    }
    r_.known_keys(j, at, {"call", "lock", "ret", "on"});
    if (auto l = lock(j, at)) o.lock = *l;
    if (j.contains("ret")) o.ret = ret(*c, j["ret"], at / "ret");
    if (j.contains("on")) o.on = handlers(*c, j["on"], at / "on");
    return o;
  }

  std::optional<Call> call(const Json& j, const Pointer& at) {
    if (!j.contains("call")) {
      r_.missing(at / "call", "a call name");
      return std::nullopt;
    }
    const auto name = r_.string(j["call"], at / "call", "a call name");
    if (!name) return std::nullopt;
    const auto c = parse_call(*name);
    if (!c) {
      r_.fail(at / "call", "expected a call name, found unknown call \"" + *name + "\"");
      return std::nullopt;
    }
    if (!call_modeled(*c)) {
      r_.fail(at / "call", "call " + *name + " is not modeled yet in this build");
      return std::nullopt;
    }
    return c;
  }

  /// The index of the op's lock in /locks (the modeled calls other than return take one).
  std::optional<uint32_t> lock(const Json& j, const Pointer& at) {
    constexpr std::string_view kWhat = "a lock declared in /locks";
    if (!j.contains("lock")) {
      r_.missing(at / "lock", kWhat);
      return std::nullopt;
    }
    const auto it = std::find(locks_.begin(), locks_.end(), j["lock"]);
    if (it != locks_.end()) return static_cast<uint32_t>(it - locks_.begin());
    r_.expected(at / "lock", kWhat, j["lock"]);
    return std::nullopt;
  }

  std::optional<RetValue> ret(Call c, const Json& j, const Pointer& at) {
    const auto v = parse_ret(j);
    if (!v) {
      r_.expected(at, "one of " + all_ret_values().describe(false), j);
      return std::nullopt;
    }
    const RetSet valid = call_returns(c);
    if (valid.contains(*v)) return v;
    r_.expected(at, valid.describe(false) + " for " + std::string(call_name(c)), j);
    return std::nullopt;
  }

  std::vector<Handler> handlers(Call c, const Json& j, const Pointer& at) {
    std::vector<Handler> out;
    if (!r_.object(j, at, "an object of handlers {\"VALUE\": [ops...]}")) return out;
    const RetSet catchable = call_returns(c).failures();
    for (const auto& [key, ops_json] : j.items()) {
      const auto v = parse_on_key(key);
      if (!v || !catchable.contains(*v)) {
        const std::string what =
            catchable.empty()
                ? "no handler (" + std::string(call_name(c)) + " returns no failure)"
                : "a handler key " + catchable.describe(true) + " for " + std::string(call_name(c));
        r_.fail(at / key, "expected " + what + ", found key \"" + key + "\"");
        continue;
      }
      out.push_back({*v, ops(ops_json, at / key)});
    }
    return out;
  }

  JsonReader& r_;
  const std::vector<std::string>& locks_;
};

}  // namespace

std::vector<Op> load_ops(JsonReader& reader, const Json& j, const Pointer& at,
                         const std::vector<std::string>& locks) {
  return OpLoader(reader, locks).ops(j, at);
}

}  // namespace resvcheck::scenarios
