#include "scenarios/scenario_loader.h"

#include <algorithm>
#include <set>

#include "scenarios/check_loader.h"
#include "scenarios/final_loader.h"
#include "scenarios/op_loader.h"
#include "scenarios/panfrost_calls.h"

namespace resvcheck::scenarios {
namespace {

/// Whether some op in `j` (ops, threads, handlers, at any depth) is a panfrost call, which
/// creates shrinker_lock implicitly.
bool uses_panfrost(const Json& j) {
  if (j.is_object() && j.contains("call") && j["call"].is_string()) {
    const auto c = parse_call(j["call"].get<std::string>());
    if (c && is_panfrost_call(*c)) return true;
  }
  if (j.is_object() || j.is_array())
    for (const Json& child : j)
      if (uses_panfrost(child)) return true;
  return false;
}

class ScenarioLoader {
 public:
  explicit ScenarioLoader(JsonReader& reader) : r_(reader) {}

  Scenario load(const Json& doc) {
    Scenario s;
    r_.known_keys(doc, Pointer(), kScenarioKeys);
    if (doc.contains("name"))
      s.name = r_.identifier(doc["name"], Pointer("/name")).value_or("");
    else
      r_.missing(Pointer("/name"), "a name of [a-z0-9_.-]+");
    if (doc.contains("description"))
      r_.string(doc["description"], Pointer("/description"), "a string");
    objects(doc, s);
    if (doc.contains("locks")) s.locks = locks(doc["locks"]);
    if ((doc.contains("setup") && uses_panfrost(doc["setup"])) ||
        (doc.contains("threads") && uses_panfrost(doc["threads"])))
      if (std::find(s.locks.begin(), s.locks.end(), kShrinkerLock) == s.locks.end())
        s.locks.emplace_back(kShrinkerLock);
    s.setup.name = "setup";
    if (doc.contains("setup")) thread_ops(doc["setup"], Pointer("/setup"), s, s.setup);
    s.threads = threads(doc, s);
    if (doc.contains("final")) s.final = load_final(r_, doc["final"], s.objects);
    if (doc.contains("inject")) s.inject = inject(doc["inject"]);
    if (doc.contains("bounds")) s.bounds = bounds(doc["bounds"]);
    s.checks = load_checks(r_, doc);
    return s;
  }

 private:
  /// The GEM objects, and a resv for each shmem object.
  void objects(const Json& doc, Scenario& s) {
    const Pointer at("/objects");
    constexpr std::string_view kWhat = "an array of at least one object";
    if (!doc.contains("objects")) {
      r_.missing(at, kWhat);
      return;
    }
    const Json& j = doc["objects"];
    if (!r_.array(j, at, kWhat)) return;
    if (j.empty()) r_.expected(at, kWhat, j);
    std::set<std::string> names;
    for (size_t i = 0; i < j.size(); ++i) {
      if (!r_.object(j[i], at / i, "an object {\"name\", \"type\"}")) continue;
      const auto name = unique_name(j[i], at / i, names);
      auto spec = object_fields(j[i], at / i, s.objects);
      if (!name || !spec) continue;
      spec->name = *name;
      if (spec->of) {
        spec->resv = s.objects[*spec->of].resv;
      } else {
        spec->resv = static_cast<uint32_t>(s.resvs.size());
        s.resvs.push_back({*name + ".resv"});
      }
      s.objects.push_back(std::move(*spec));
    }
  }

  /// Checks an object's type and the fields of that type; the object (unnamed yet) if valid.
  std::optional<ObjectSpec> object_fields(const Json& o, const Pointer& at,
                                          const std::vector<ObjectSpec>& earlier) {
    constexpr std::string_view kTypes = "\"shmem\" or \"import\"";
    constexpr std::string_view kOf = "the name of an earlier shmem object";
    const Json type = o.value("type", Json());
    if (type == "shmem") {
      r_.known_keys(o, at, kShmemObjectKeys);
      const Json callback = o.value("pin_callback", Json("drm_gem_shmem_object_pin"));
      ObjectSpec spec;
      if (callback == "drm_gem_shmem_object_pin") return spec;
      spec.pin_callback = model::PinCallback::shmem_pin;
      if (callback == "drm_gem_shmem_pin") return spec;
      r_.expected(at / "pin_callback", "\"drm_gem_shmem_object_pin\" or \"drm_gem_shmem_pin\"",
                  callback);
    } else if (type == "import") {
      r_.known_keys(o, at, kImportObjectKeys);
      if (!o.contains("of")) {
        r_.missing(at / "of", kOf);
        return std::nullopt;
      }
      const auto of = std::find_if(earlier.begin(), earlier.end(), [&o](const ObjectSpec& e) {
        return !e.of && o["of"] == e.name;
      });
      if (of != earlier.end()) {
        ObjectSpec spec;
        spec.of = static_cast<uint32_t>(of - earlier.begin());
        return spec;
      }
      r_.expected(at / "of", kOf, o["of"]);
    } else {
      r_.known_keys(o, at, {"name", "type", "pin_callback", "of"});
      if (o.contains("type"))
        r_.expected(at / "type", kTypes, type);
      else
        r_.missing(at / "type", kTypes);
    }
    return std::nullopt;
  }

  std::vector<std::string> locks(const Json& j) {
    const Pointer at("/locks");
    std::vector<std::string> out;
    if (!r_.array(j, at, "an array of locks {\"name\": ...}")) return out;
    std::set<std::string> names;
    for (size_t i = 0; i < j.size(); ++i) {
      if (!r_.object(j[i], at / i, "a lock {\"name\": ...}")) continue;
      r_.known_keys(j[i], at / i, kLockKeys);
      const auto name = unique_name(j[i], at / i, names);
      if (!name) continue;
      if (std::find(kReservedLockNames.begin(), kReservedLockNames.end(), *name) !=
          kReservedLockNames.end())
        r_.expected(at / i / "name", "a name the model does not reserve", j[i]["name"]);
      out.push_back(*name);
    }
    return out;
  }

  /// Loads the ops `j` of thread `t` and the contexts they name, which must be initialised.
  void thread_ops(const Json& j, const Pointer& at, Scenario& s, ThreadSpec& t) {
    ThreadContexts contexts;
    ThreadExecs execs;
    t.ops = load_ops(r_, j, at, {s.locks, s.objects, contexts, execs});
    contexts.check_initialised(r_, t.name);
    contexts.mark_wound_wait(s.resvs);
    execs.check_locked(r_, t.name);
    t.contexts = contexts.names();
    t.execs = execs.names();
  }

  std::vector<ThreadSpec> threads(const Json& doc, Scenario& s) {
    const Pointer at("/threads");
    constexpr std::string_view kWhat = "an array of 1 to 8 threads";
    std::vector<ThreadSpec> out;
    if (!doc.contains("threads")) {
      r_.missing(at, kWhat);
      return out;
    }
    const Json& j = doc["threads"];
    if (!r_.array(j, at, kWhat)) return out;
    if (j.empty() || j.size() > kMaxThreads)
      r_.fail(at, "expected 1 to 8 threads, found " + std::to_string(j.size()));
    std::set<std::string> names = {"setup"};  // the setup ops' thread
    for (size_t i = 0; i < j.size(); ++i) {
      const Json& t = j[i];
      if (!r_.object(t, at / i, "a thread {\"name\", \"ops\"}")) continue;
      r_.known_keys(t, at / i, kThreadKeys);
      ThreadSpec spec;
      spec.name = unique_name(t, at / i, names).value_or("");
      if (t.contains("ops"))
        thread_ops(t["ops"], at / i / "ops", s, spec);
      else
        r_.missing(at / i / "ops", "an array of ops");
      if (t.contains("repeat"))
        spec.repeat = r_.integer(t["repeat"], at / i / "repeat", 1, kMaxRepeat).value_or(1);
      out.push_back(std::move(spec));
    }
    return out;
  }

  model::Injection inject(const Json& j) {
    const Pointer at("/inject");
    model::Injection in;
    if (!r_.array(j, at, "an array of faults")) return in;
    for (size_t i = 0; i < j.size(); ++i) {
      if (j[i] == kInjectionNames[0])
        in.enomem = true;
      else if (j[i] == kInjectionNames[1])
        in.eintr = true;
      else if (j[i] == kInjectionNames[2])
        in.edeadlk = true;
      else
        r_.expected(at / i, "\"enomem\", \"eintr\" or \"edeadlk\"", j[i]);
    }
    return in;
  }

  Bounds bounds(const Json& j) {
    const Pointer at("/bounds");
    Bounds b;
    if (!r_.object(j, at, "an object of bounds")) return b;
    r_.known_keys(j, at, kBoundsKeys);
    if (j.contains("preemptions") && !j["preemptions"].is_null())
      b.preemptions = r_.integer(j["preemptions"], at / "preemptions", 0, kMaxPreemptions);
    if (j.contains("max_steps"))
      b.max_steps = r_.integer(j["max_steps"], at / "max_steps", 1, kMaxSteps);
    if (j.contains("max_executions"))
      b.max_executions = r_.integer(j["max_executions"], at / "max_executions", 1, kMaxExecutions);
    return b;
  }

  /// The identifier under "name" of the object `j`, if it is not in `names` yet (then added).
  std::optional<std::string> unique_name(const Json& j, const Pointer& at,
                                         std::set<std::string>& names) {
    if (!j.contains("name")) {
      r_.missing(at / "name", "a name of [a-z0-9_.-]+");
      return std::nullopt;
    }
    auto name = r_.identifier(j["name"], at / "name");
    if (name && !names.insert(*name).second) {
      r_.expected(at / "name", "a name not used before", j["name"]);
      return std::nullopt;
    }
    return name;
  }

  JsonReader& r_;
};

}  // namespace

LoadResult load_scenario(std::string_view text) {
  LoadResult result;
  std::optional<Json> doc = parse_json(text, kMaxNesting, result.problems);
  if (doc && doc->is_object() && doc->contains("format") && (*doc)["format"].is_string() &&
      (*doc)["format"].get<std::string>().starts_with("resvcheck-")) {
    result.problems.clear();
    result.skipped = true;
    return result;
  }
  if (!doc) return result;
  JsonReader reader(result.problems);
  if (!reader.object(*doc, Pointer(), "a scenario object")) return result;
  try {
    Scenario s = ScenarioLoader(reader).load(*doc);
    if (reader.clean()) result.scenario = std::move(s);
  } catch (const Json::exception& e) {  // a loader bug; still bad input rather than a crash
    reader.fail(Pointer(), std::string("cannot read the scenario: ") + e.what());
  }
  return result;
}

}  // namespace resvcheck::scenarios
