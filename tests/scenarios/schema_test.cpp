// scenarios/schema.json (the JSON Schema editors use) against the loader: every closed list, key
// list and limit of the schema equals what the loader accepts. Key lists and limits come from the
// loader's constants where it has them; the op keys, required arguments and argument values
// are read back from the loader's own messages, so the schema cannot drift from op_loader.cpp.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/version.h"
#include "scenarios/calls.h"
#include "scenarios/check_loader.h"
#include "scenarios/final_loader.h"
#include "scenarios/scenario_loader.h"
#include "scheduler/finding.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// The schema, keys in file order (which the key lists compare).
using SchemaJson = nlohmann::ordered_json;

const SchemaJson& schema() {
  static const SchemaJson s = [] {
    std::ifstream in(RESVCHECK_SOURCE_DIR "/scenarios/schema.json");
    std::stringstream text;
    text << in.rdbuf();
    return SchemaJson::parse(text.str());
  }();
  return s;
}

const SchemaJson& def(const std::string& name) { return schema().at("$defs").at(name); }

template <typename List>
std::vector<std::string> strings(const List& list) {
  std::vector<std::string> out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

std::vector<std::string> strings_of(const SchemaJson& array) {
  std::vector<std::string> out;
  for (const SchemaJson& s : array) out.push_back(s.get<std::string>());
  return out;
}

std::vector<std::string> keys(const SchemaJson& properties) {
  std::vector<std::string> out;
  for (const auto& [k, v] : properties.items()) out.push_back(k);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

/// Two lists of names are equal (printed on failure).
#define NAMES_EQUAL(expected, actual) STRCMP_EQUAL(joined(expected).c_str(), joined(actual).c_str())

/// A scenario with one thread whose one op is `op` (there is a lock "a", shmem "bo", import
/// "imp").
Json with_op(const Json& op) {
  return Json{
      {"name", "s"},
      {"objects",
       {{{"name", "bo"}, {"type", "shmem"}}, {{"name", "imp"}, {"type", "import"}, {"of", "bo"}}}},
      {"locks", {{{"name", "a"}}}},
      {"threads", {{{"name", "t1"}, {"ops", {op}}}}}};
}

std::vector<Problem> problems(const Json& doc) { return load_scenario(doc.dump()).problems; }

/// The message of the problem at `where`, or "".
std::string message_at(const std::vector<Problem>& all, const std::string& where) {
  for (const Problem& p : all)
    if (p.where == where) return p.message;
  return "";
}

/// The keys the loader names in "expected one of the keys A, B, found unknown key ...".
std::vector<std::string> listed_keys(const std::string& message) {
  const std::string head = "expected one of the keys ";
  const size_t end = message.find(", found unknown key");
  if (!message.starts_with(head) || end == std::string::npos) return {message};
  std::vector<std::string> out;
  std::stringstream list(message.substr(head.size(), end - head.size()));
  for (std::string k; std::getline(list, k, ',');) out.push_back(k.substr(k.starts_with(" ")));
  return out;
}

/// The quoted values a message lists before ", found": "expected \"a\" or \"b\", found ...".
std::vector<std::string> quoted_values(const std::string& message) {
  std::vector<std::string> out;
  const std::string head = message.substr(0, message.find(", found"));
  for (size_t open = head.find('"'); open != std::string::npos;) {
    const size_t close = head.find('"', open + 1);
    out.push_back(head.substr(open + 1, close - open - 1));
    open = head.find('"', close + 1);
  }
  return out;
}

/// The names of an enum of strings.
std::vector<std::string> enum_of(const SchemaJson& j) { return strings_of(j.at("enum")); }

}  // namespace

TEST_GROUP(Schema){};

TEST(Schema, IsADraft2020Schema) {
  STRCMP_EQUAL("https://json-schema.org/draft/2020-12/schema",
               schema().at("$schema").get<std::string>().c_str());
  STRCMP_EQUAL("^[a-z0-9_.-]+$", def("name").at("pattern").get<std::string>().c_str());
}

TEST(Schema, ClosedListsAreTheLoaders) {
  NAMES_EQUAL(strings(kCallNames), enum_of(def("callName")));
  NAMES_EQUAL(strings(sched::kFindingKindNames), enum_of(def("findingKind")));
  NAMES_EQUAL(strings(model::kVersionNames), enum_of(def("version")));
  NAMES_EQUAL(strings(kInjectionNames),
              enum_of(schema().at("properties").at("inject").at("items")));
  NAMES_EQUAL(strings(kObjectTypes), enum_of(def("object").at("properties").at("type")));
  NAMES_EQUAL(strings(kPinCallbacks),
              enum_of(def("shmemObject").at("properties").at("pin_callback")));
  NAMES_EQUAL(strings(kReservedLockNames),
              enum_of(def("lock").at("properties").at("name").at("allOf").at(1).at("not")));
}

TEST(Schema, KeyListsAreTheLoaders) {
  NAMES_EQUAL(strings(kScenarioKeys), keys(schema().at("properties")));
  NAMES_EQUAL(strings(kShmemObjectKeys), keys(def("shmemObject").at("properties")));
  NAMES_EQUAL(strings(kImportObjectKeys), keys(def("importObject").at("properties")));
  NAMES_EQUAL(strings(kLockKeys), keys(def("lock").at("properties")));
  NAMES_EQUAL(strings(kThreadKeys), keys(def("thread").at("properties")));
  NAMES_EQUAL(strings(kBoundsKeys), keys(schema().at("properties").at("bounds").at("properties")));
  NAMES_EQUAL(strings(kExpectationKeys),
              keys(def("expectation").at("oneOf").at(2).at("properties")));
  NAMES_EQUAL(strings(kFinalKeyNames), keys(def("final").at("properties")));
  for (const SchemaJson* object : {&schema(), &def("lock"), &def("thread"), &def("shmemObject"),
                                   &def("importObject"), &def("final")})
    CHECK_TRUE(object->at("additionalProperties") == false);
}

TEST(Schema, RequiredKeysAreTheLoaders) {
  // What an empty scenario object lacks.
  std::vector<std::string> missing;
  for (const Problem& p : load_scenario("{}").problems)
    if (p.message.ends_with("found nothing")) missing.push_back(p.where.substr(1));
  NAMES_EQUAL(sorted(missing), sorted(strings_of(schema().at("required"))));
  const std::vector<std::string> thread = {"name", "ops"};
  NAMES_EQUAL(thread, strings_of(def("thread").at("required")));
}

TEST(Schema, LimitsAreTheLoaders) {
  const SchemaJson& top = schema().at("properties");
  LONGS_EQUAL(kMaxThreads, top.at("threads").at("maxItems").get<uint32_t>());
  LONGS_EQUAL(kMaxRepeat,
              def("thread").at("properties").at("repeat").at("maximum").get<uint32_t>());
  const SchemaJson& bounds = top.at("bounds").at("properties");
  LONGS_EQUAL(kMaxPreemptions, bounds.at("preemptions").at("maximum").get<uint32_t>());
  CHECK_TRUE(kMaxSteps == bounds.at("max_steps").at("maximum").get<uint64_t>());
  CHECK_TRUE(kMaxExecutions == bounds.at("max_executions").at("maximum").get<uint64_t>());
  for (const auto& [key, value] : def("final").at("properties").items())
    if (value.contains("maximum")) LONGS_EQUAL(kMaxFinalCount, value.at("maximum").get<uint32_t>());
}

TEST(Schema, EveryCallHasTheLoadersKeysRequiredArgumentsAndReturnValues) {
  const SchemaJson& dispatch = def("op").at("allOf");
  LONGS_EQUAL(kCallNames.size(), dispatch.size());
  for (size_t i = 0; i < kCallNames.size(); ++i) {
    const std::string name(kCallNames[i]);
    const SchemaJson& branch = dispatch.at(i);
    STRCMP_EQUAL(
        name.c_str(),
        branch.at("if").at("properties").at("call").at("const").get<std::string>().c_str());
    const SchemaJson& call = def("call_" + name);
    STRCMP_EQUAL(("#/$defs/call_" + name).c_str(),
                 branch.at("then").at("$ref").get<std::string>().c_str());
    CHECK_TRUE(call.at("additionalProperties") == false);

    // The keys: what the loader lists for an unknown one.
    const auto with_unknown = problems(with_op({{"call", name}, {"zz", 1}}));
    NAMES_EQUAL(sorted(listed_keys(message_at(with_unknown, "/threads/0/ops/0/zz"))),
                sorted(keys(call.at("properties"))));

    // The required arguments: what the loader misses in a bare op.
    std::vector<std::string> missing = {"call"};
    for (const Problem& p : problems(with_op({{"call", name}})))
      if (p.where.starts_with("/threads/0/ops/0/") && p.message.ends_with("found nothing"))
        missing.push_back(p.where.substr(std::string("/threads/0/ops/0/").size()));
    NAMES_EQUAL(sorted(missing), sorted(strings_of(call.at("required"))));

    if (name == "return") continue;
    // The return values and handler keys: the call's.
    const RetSet returns = call_returns(static_cast<Call>(i));
    std::vector<std::string> rets, handlers;
    for (size_t v = 0; v < kRetNames.size(); ++v) {
      if (!returns.contains(static_cast<RetValue>(v))) continue;
      rets.emplace_back(kRetNames[v]);
      if (!is_success(static_cast<RetValue>(v))) handlers.emplace_back(kRetNames[v]);
    }
    std::vector<std::string> schema_rets;
    for (const SchemaJson& r : call.at("properties").at("ret").at("enum"))
      schema_rets.push_back(r.is_string() ? r.get<std::string>() : r.dump());
    NAMES_EQUAL(rets, schema_rets);
    const SchemaJson& on = call.at("properties").at("on");
    if (handlers.empty())
      LONGS_EQUAL(0, on.at("maxProperties").get<int>());
    else
      NAMES_EQUAL(handlers, enum_of(on.at("propertyNames")));
  }
}

TEST(Schema, ArgumentValuesAreTheLoaders) {
  struct Arg {
    std::string call, key;
    Json op;  // the op without `key`
    bool list;
  };
  const std::vector<Arg> args = {
      {"drm_gem_shmem_madvise",
       "madv",
       {{"call", "drm_gem_shmem_madvise"}, {"object", "bo"}},
       false},
      {"drm_gem_shmem_mmap", "mapping", {{"call", "drm_gem_shmem_mmap"}, {"object", "bo"}}, false},
      {"ww_acquire_init", "class", {{"call", "ww_acquire_init"}, {"ctx", "c"}}, false},
      {"drm_exec_lock",
       "flags",
       {{"call", "drm_exec_lock"}, {"exec", "e"}, {"objects", {"bo"}}},
       true},
  };
  for (const Arg& a : args) {
    const SchemaJson& values = def("call_" + a.call).at("properties").at(a.key);
    const std::vector<std::string> listed = enum_of(a.list ? values.at("items") : values);
    std::string where = "/threads/0/ops/0/" + a.key + (a.list ? "/0" : "");
    Json bad = a.op;
    bad[a.key] = a.list ? Json::array({"zz"}) : Json("zz");
    NAMES_EQUAL(listed, quoted_values(message_at(problems(with_op(bad)), where)));
    for (const std::string& v : listed) {
      Json good = a.op;
      good[a.key] = a.list ? Json::array({v}) : Json(v);
      STRCMP_EQUAL("", message_at(problems(with_op(good)), where).c_str());
    }
  }
  // The object keys' values.
  const Json bad_type = with_op({{"call", "return"}});
  Json doc = bad_type;
  doc["objects"][0]["type"] = "zz";
  NAMES_EQUAL(strings(kObjectTypes), quoted_values(message_at(problems(doc), "/objects/0/type")));
  doc = bad_type;
  doc["objects"][0]["pin_callback"] = "zz";
  NAMES_EQUAL(strings(kPinCallbacks),
              quoted_values(message_at(problems(doc), "/objects/0/pin_callback")));
  doc = bad_type;
  doc["inject"] = {"zz"};
  NAMES_EQUAL(strings(kInjectionNames), quoted_values(message_at(problems(doc), "/inject/0")));
}

}  // namespace resvcheck::scenarios
