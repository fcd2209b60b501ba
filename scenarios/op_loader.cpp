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

/// The arguments a modeled call takes (scenario-format.md, "Ops", arguments).
enum class Args : uint8_t {
  none,            // return
  lock,            // mutex_*
  object,          // dma_resv_trylock, _unlock, _assert_held
  object_ctx,      // dma_resv_lock[_interruptible]: the context is optional (NULL)
  object_and_ctx,  // dma_resv_lock_slow
  ctx,             // ww_acquire_done, _fini
  ctx_class,       // ww_acquire_init
};

Args args_of(Call c) {
  switch (c) {
    case Call::mutex_lock:
    case Call::mutex_lock_interruptible:
    case Call::mutex_trylock:
    case Call::mutex_unlock:
      return Args::lock;
    case Call::dma_resv_trylock:
    case Call::dma_resv_unlock:
    case Call::dma_resv_assert_held:
      return Args::object;
    case Call::dma_resv_lock:
    case Call::dma_resv_lock_interruptible:
      return Args::object_ctx;
    case Call::dma_resv_lock_slow:
      return Args::object_and_ctx;
    case Call::ww_acquire_done:
    case Call::ww_acquire_fini:
      return Args::ctx;
    case Call::ww_acquire_init:
      return Args::ctx_class;
    default:  // return
      return Args::none;
  }
}

RetSet all_ret_values() {
  RetSet all;
  for (size_t i = 0; i < kRetNames.size(); ++i) all.insert(static_cast<RetValue>(i));
  return all;
}

class OpLoader {
 public:
  OpLoader(JsonReader& reader, const OpScope& scope) : r_(reader), scope_(scope) {}

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
    if (!arguments(j, at, o)) return o;
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

  /// Reads the arguments of `o.call` into `o`; false for `return`, which takes no `ret` or `on`.
  bool arguments(const Json& j, const Pointer& at, Op& o) {
    switch (args_of(o.call)) {
      case Args::none:
        r_.known_keys(j, at, {"call"});
        return false;
      case Args::lock:
        r_.known_keys(j, at, {"call", "lock", "ret", "on"});
        if (auto l = lock(j, at)) o.lock = *l;
        break;
      case Args::object:
        r_.known_keys(j, at, {"call", "object", "ret", "on"});
        if (auto obj = object(j, at)) o.object = *obj;
        break;
      case Args::object_ctx:
      case Args::object_and_ctx: {
        r_.known_keys(j, at, {"call", "object", "ctx", "ret", "on"});
        const auto obj = object(j, at);
        if (obj) o.object = *obj;
        if (j.contains("ctx") || args_of(o.call) == Args::object_and_ctx) o.ctx = ctx(j, at);
        if (obj && o.ctx) scope_.contexts.lock(*o.ctx, scope_.objects[*obj].resv);
        break;
      }
      case Args::ctx:
        r_.known_keys(j, at, {"call", "ctx", "ret", "on"});
        o.ctx = ctx(j, at);
        break;
      case Args::ctx_class:
        r_.known_keys(j, at, {"call", "ctx", "class", "ret", "on"});
        o.ctx = ctx(j, at);
        if (j.contains("class")) o.cls = ctx_class(j["class"], at / "class");
        if (o.ctx) scope_.contexts.init(*o.ctx, o.cls);
        break;
    }
    return true;
  }

  /// The index of the op's object in /objects.
  std::optional<uint32_t> object(const Json& j, const Pointer& at) {
    constexpr std::string_view kWhat = "an object declared in /objects";
    if (!j.contains("object")) {
      r_.missing(at / "object", kWhat);
      return std::nullopt;
    }
    const auto& objects = scope_.objects;
    const auto it = std::find_if(objects.begin(), objects.end(),
                                 [&j](const ObjectSpec& o) { return j["object"] == o.name; });
    if (it != objects.end()) return static_cast<uint32_t>(it - objects.begin());
    r_.expected(at / "object", kWhat, j["object"]);
    return std::nullopt;
  }

  /// The index of the op's context among the thread's.
  std::optional<uint32_t> ctx(const Json& j, const Pointer& at) {
    if (!j.contains("ctx")) {
      r_.missing(at / "ctx", "a context name");
      return std::nullopt;
    }
    const auto name = r_.identifier(j["ctx"], at / "ctx");
    if (!name) return std::nullopt;
    return scope_.contexts.use(*name, at / "ctx");
  }

  CtxClass ctx_class(const Json& j, const Pointer& at) {
    if (j == "wound_wait") return CtxClass::wound_wait;
    if (j != "wait_die") r_.expected(at, "\"wait_die\" or \"wound_wait\"", j);
    return CtxClass::wait_die;
  }

  /// The index of the op's lock in /locks.
  std::optional<uint32_t> lock(const Json& j, const Pointer& at) {
    constexpr std::string_view kWhat = "a lock declared in /locks";
    if (!j.contains("lock")) {
      r_.missing(at / "lock", kWhat);
      return std::nullopt;
    }
    const auto& locks = scope_.locks;
    const auto it = std::find(locks.begin(), locks.end(), j["lock"]);
    if (it != locks.end()) return static_cast<uint32_t>(it - locks.begin());
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
  const OpScope& scope_;
};

}  // namespace

std::vector<Op> load_ops(JsonReader& reader, const Json& j, const Pointer& at,
                         const OpScope& scope) {
  return OpLoader(reader, scope).ops(j, at);
}

}  // namespace resvcheck::scenarios
