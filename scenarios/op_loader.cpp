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
  bare,            // panfrost_shrinker_scan, direct_reclaim: no arguments, but `ret` and `on`
  lock,            // mutex_*
  object,          // dma_resv_trylock, _unlock, _assert_held
  object_ctx,      // dma_resv_lock[_interruptible]: the context is optional (NULL)
  object_and_ctx,  // dma_resv_lock_slow
  ctx,             // ww_acquire_done, _fini
  ctx_class,       // ww_acquire_init
  helper,          // the shmem helper and GEM core calls without further arguments
  helper_madv,     // drm_gem_shmem_madvise[_locked]
  helper_mapping,  // drm_gem_shmem_mmap
  dma_buf,         // the dma-buf calls: an import object
  exec_objects,    // drm_exec_lock
  exec_object,     // drm_exec_lock_obj, drm_exec_unlock_obj
  exec,            // drm_exec_fini
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
    case Call::drm_gem_shmem_madvise:
    case Call::drm_gem_shmem_madvise_locked:
    case Call::panfrost_madvise:
      return Args::helper_madv;
    case Call::panfrost_shrinker_scan:
    case Call::direct_reclaim:
      return Args::bare;
    case Call::drm_gem_shmem_mmap:
      return Args::helper_mapping;
    case Call::dma_buf_vmap:
    case Call::dma_buf_vunmap:
    case Call::dma_buf_vmap_unlocked:
    case Call::dma_buf_vunmap_unlocked:
    case Call::dma_buf_map_attachment:
    case Call::dma_buf_unmap_attachment:
    case Call::dma_buf_map_attachment_unlocked:
    case Call::dma_buf_unmap_attachment_unlocked:
    case Call::dma_buf_pin:
    case Call::dma_buf_unpin:
    case Call::dma_buf_mmap:
      return Args::dma_buf;
    case Call::drm_exec_lock:
      return Args::exec_objects;
    case Call::drm_exec_lock_obj:
    case Call::drm_exec_unlock_obj:
      return Args::exec_object;
    case Call::drm_exec_fini:
      return Args::exec;
    case Call::return_:
      return Args::none;
    default:  // the shmem helper and GEM core
      return Args::helper;
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
    return c;
  }

  /// Reads the arguments of `o.call` into `o`; false for `return`, which takes no `ret` or `on`.
  bool arguments(const Json& j, const Pointer& at, Op& o) {
    switch (args_of(o.call)) {
      case Args::none:
        r_.known_keys(j, at, {"call"});
        return false;
      case Args::bare:
        r_.known_keys(j, at, {"call", "ret", "on"});
        break;
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
      case Args::helper:
        r_.known_keys(j, at, {"call", "object", "ret", "on"});
        helper_object(j, at, o);
        break;
      case Args::helper_madv:
        r_.known_keys(j, at, {"call", "object", "madv", "ret", "on"});
        helper_object(j, at, o);
        o.madv = madv(j, at);
        break;
      case Args::helper_mapping:
        r_.known_keys(j, at, {"call", "object", "mapping", "ret", "on"});
        helper_object(j, at, o);
        if (j.contains("mapping")) o.mapping = mapping(j["mapping"], at / "mapping");
        break;
      case Args::dma_buf:
        r_.known_keys(j, at, {"call", "object", "ret", "on"});
        import_object(j, at, o);
        break;
      case Args::exec_objects:
        r_.known_keys(j, at, {"call", "exec", "objects", "flags", "ret", "on"});
        o.exec = exec(j, at);
        if (o.exec) scope_.execs.lock(*o.exec);
        o.objects = objects(j, at);
        if (j.contains("flags")) o.flags = exec_flags(j["flags"], at / "flags");
        break;
      case Args::exec_object:
        r_.known_keys(j, at, {"call", "exec", "object", "ret", "on"});
        o.exec = exec(j, at);
        if (auto obj = object(j, at)) o.object = *obj;
        break;
      case Args::exec:
        r_.known_keys(j, at, {"call", "exec", "ret", "on"});
        o.exec = exec(j, at);
        break;
    }
    return true;
  }

  /// The object of a helper, GEM core or panfrost call: a shmem object or an import (each
  /// version's model handles imports as the kernel does: model/helper_v6_*.h, dma_buf.h).
  void helper_object(const Json& j, const Pointer& at, Op& o) {
    if (const auto obj = object(j, at)) o.object = *obj;
  }

  /// The object of a dma-buf call: an import (the importer's side of the dma-buf).
  void import_object(const Json& j, const Pointer& at, Op& o) {
    const auto obj = object(j, at);
    if (!obj) return;
    o.object = *obj;
    if (!scope_.objects[*obj].of)
      r_.fail(at / "object", "call " + std::string(call_name(o.call)) + " needs an import, but '" +
                                 scope_.objects[*obj].name + "' is a shmem object");
  }

  int madv(const Json& j, const Pointer& at) {
    constexpr std::string_view kWhat = "\"dontneed\" or \"willneed\"";
    if (!j.contains("madv")) {
      r_.missing(at / "madv", kWhat);
      return 0;
    }
    if (j["madv"] == "dontneed") return 1;
    if (j["madv"] != "willneed") r_.expected(at / "madv", kWhat, j["madv"]);
    return 0;
  }

  model::Mapping mapping(const Json& j, const Pointer& at) {
    if (j == "private") return model::Mapping::private_;
    if (j != "shared") r_.expected(at, "\"shared\" or \"private\"", j);
    return model::Mapping::shared;
  }

  /// The index of the op's drm_exec among the thread's.
  std::optional<uint32_t> exec(const Json& j, const Pointer& at) {
    if (!j.contains("exec")) {
      r_.missing(at / "exec", "an exec name");
      return std::nullopt;
    }
    const auto name = r_.identifier(j["exec"], at / "exec");
    if (!name) return std::nullopt;
    return scope_.execs.use(*name, at / "exec");
  }

  /// drm_exec_lock's objects: indexes into /objects.
  std::vector<uint32_t> objects(const Json& j, const Pointer& at) {
    constexpr std::string_view kWhat = "an array of objects declared in /objects";
    std::vector<uint32_t> out;
    if (!j.contains("objects")) {
      r_.missing(at / "objects", kWhat);
      return out;
    }
    const Json& list = j["objects"];
    if (!r_.array(list, at / "objects", kWhat)) return out;
    const auto& objects = scope_.objects;
    for (size_t i = 0; i < list.size(); ++i) {
      const auto it = std::find_if(objects.begin(), objects.end(),
                                   [&](const ObjectSpec& o) { return list[i] == o.name; });
      if (it != objects.end())
        out.push_back(static_cast<uint32_t>(it - objects.begin()));
      else
        r_.expected(at / "objects" / i, "an object declared in /objects", list[i]);
    }
    return out;
  }

  model::DrmExecFlags exec_flags(const Json& j, const Pointer& at) {
    model::DrmExecFlags flags;
    if (!r_.array(j, at, "an array of flags")) return flags;
    for (size_t i = 0; i < j.size(); ++i) {
      if (j[i] == "interruptible")
        flags.interruptible = true;
      else if (j[i] == "ignore_duplicates")
        flags.ignore_duplicates = true;
      else
        r_.expected(at / i, "\"interruptible\" or \"ignore_duplicates\"", j[i]);
    }
    return flags;
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
