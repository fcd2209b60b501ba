// The scenario loader: valid files load completely; every kind of bad input gives its JSON
// pointer and message, and all problems of a file are reported together.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/scenario_loader.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// A valid scenario; tests patch it.
Json base() {
  return Json::parse(R"({
    "name": "base",
    "objects": [{"name": "bo", "type": "shmem"}],
    "locks": [{"name": "a"}, {"name": "b"}],
    "threads": [{"name": "t1", "ops": [{"call": "mutex_lock", "lock": "a"},
                                       {"call": "mutex_unlock", "lock": "a"}]}]
  })");
}

/// Every problem of `text` as "where: message", in order.
std::vector<std::string> problems(const std::string& text) {
  std::vector<std::string> out;
  for (const Problem& p : load_scenario(text).problems) out.push_back(p.where + ": " + p.message);
  return out;
}

std::vector<std::string> problems(const Json& doc) { return problems(doc.dump()); }

/// The only problem of `doc`.
std::string problem(const Json& doc) {
  const std::vector<std::string> all = problems(doc);
  LONGS_EQUAL(1, all.size());
  return all[0];
}

Json with(Json doc, const std::string& pointer, Json value) {
  doc[Json::json_pointer(pointer)] = std::move(value);
  return doc;
}

Json op(std::string call, std::string lock) { return {{"call", call}, {"lock", lock}}; }

}  // namespace

TEST_GROUP(ScenarioLoader){};

TEST(ScenarioLoader, LoadsAValidScenario) {
  const LoadResult r = load_scenario(R"({
    "name": "ok",
    "objects": [{"name": "bo", "type": "shmem"}, {"name": "imp", "type": "import", "of": "bo"}],
    "locks": [{"name": "a"}, {"name": "b"}],
    "setup": [{"call": "mutex_lock", "lock": "b"}, {"call": "mutex_unlock", "lock": "b", "ret": 0}],
    "threads": [
      {"name": "t1", "repeat": 3, "ops": [
        {"call": "mutex_trylock", "lock": "b", "ret": true, "on": {"false": [{"call": "return"}]}}
      ]}
    ],
    "bounds": {"preemptions": 2, "max_steps": 50, "max_executions": 7},
    "versions": ["v6.16", "v6.5"],
    "expect": {"v6.5": ["deadlock", "lock_order"], "v6.16": {"excludes": ["warn"]}}
  })");
  CHECK_TRUE(r.problems.empty());
  CHECK_TRUE(r.scenario.has_value());
  const Scenario& s = *r.scenario;
  STRCMP_EQUAL("ok", s.name.c_str());
  CHECK_TRUE((s.locks == std::vector<std::string>{"a", "b"}));
  LONGS_EQUAL(2, s.setup.ops.size());
  CHECK_TRUE(s.setup.ops[1].ret == RetValue::zero);
  LONGS_EQUAL(1, s.threads.size());
  LONGS_EQUAL(3, s.threads[0].repeat);
  const Op& trylock = s.threads[0].ops[0];
  CHECK_TRUE(trylock.call == Call::mutex_trylock);
  LONGS_EQUAL(1, trylock.lock);
  CHECK_TRUE(trylock.ret == RetValue::true_);
  LONGS_EQUAL(1, trylock.on.size());
  CHECK_TRUE(trylock.on[0].when == RetValue::false_);
  CHECK_TRUE(trylock.on[0].ops[0].call == Call::return_);
  CHECK_TRUE(s.bounds.preemptions == 2u);
  CHECK_TRUE(s.bounds.max_steps == 50u);
  CHECK_TRUE(s.bounds.max_executions == 7u);
  LONGS_EQUAL(2, s.checks.size());  // in release order
  CHECK_TRUE(s.checks[0].version == model::Version::v6_5);
  CHECK_TRUE((s.checks[0].expected.exact->names() ==
              std::vector<std::string_view>{"deadlock", "lock_order"}));
  CHECK_TRUE(s.checks[1].version == model::Version::v6_16);
  CHECK_FALSE(s.checks[1].expected.exact.has_value());
  CHECK_TRUE(s.checks[1].expected.excludes.contains(sched::FindingKind::warn));
}

TEST(ScenarioLoader, VersionsDefaultToTheExpectKeysElseAllFour) {
  const LoadResult all = load_scenario(base().dump());
  LONGS_EQUAL(4, all.scenario->checks.size());
  for (const VersionCheck& c : all.scenario->checks) CHECK_TRUE(c.expected.exact == KindSet());

  const LoadResult keys = load_scenario(with(base(), "/expect", {{"v6.10", "clean"}}).dump());
  LONGS_EQUAL(1, keys.scenario->checks.size());
  CHECK_TRUE(keys.scenario->checks[0].version == model::Version::v6_10);

  // A listed version without an expect entry is expected clean.
  Json doc = with(base(), "/versions", {"v6.4", "v6.5"});
  doc["expect"] = {{"v6.5", {"self_deadlock"}}};
  const LoadResult listed = load_scenario(doc.dump());
  LONGS_EQUAL(2, listed.scenario->checks.size());
  CHECK_TRUE(listed.scenario->checks[0].expected.exact == KindSet());
  CHECK_TRUE(
      listed.scenario->checks[1].expected.exact->contains(sched::FindingKind::self_deadlock));
}

TEST(ScenarioLoader, SkipsResvcheckOutputs) {
  const LoadResult r = load_scenario(R"({"format": "resvcheck-report", "results": []})");
  CHECK_TRUE(r.skipped);
  CHECK_TRUE(r.problems.empty());
  CHECK_FALSE(r.scenario.has_value());
}

TEST(ScenarioLoader, MalformedJsonIsPlacedByLineAndColumn) {
  const std::vector<std::string> all = problems(std::string("{\n  \"name\": \"x\",\n}\n"));
  LONGS_EQUAL(1, all.size());
  STRCMP_EQUAL(
      "line 3, column 1: invalid JSON: syntax error while parsing object key - unexpected '}'; "
      "expected string literal",
      all[0].c_str());
}

TEST(ScenarioLoader, NotAnObject) {
  STRCMP_EQUAL(": expected a scenario object, found an array", problem(Json::array()).c_str());
}

TEST(ScenarioLoader, UnknownKey) {
  STRCMP_EQUAL(
      "/nmae: expected one of the keys name, description, versions, objects, locks, setup, "
      "threads, final, inject, bounds, expect, found unknown key \"nmae\"",
      problem(with(base(), "/nmae", "x")).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/object: expected one of the keys call, lock, ret, on, found unknown key "
      "\"object\"",
      problem(with(base(), "/threads/0/ops/0/object", "bo")).c_str());
}

TEST(ScenarioLoader, FinalNamesObjectsKeysAndValues) {
  const Json final = {{"bo", {{"pages_use_count", 2}, {"madv", -1}, {"freed", true}}}};
  const LoadResult r = load_scenario(with(base(), "/final", final).dump());
  CHECK_TRUE(r.problems.empty());
  LONGS_EQUAL(3, r.scenario->final.size());
  CHECK_TRUE(r.scenario->final[0].key == FinalKey::freed);  // keys in name order
  LONGS_EQUAL(1, r.scenario->final[0].value);
  CHECK_TRUE(r.scenario->final[1].key == FinalKey::madv);
  LONGS_EQUAL(-1, r.scenario->final[1].value);
  CHECK_TRUE(r.scenario->final[2].key == FinalKey::pages_use_count);
  LONGS_EQUAL(2, r.scenario->final[2].value);
  STRCMP_EQUAL("/final/zz: expected an object declared in /objects, found key \"zz\"",
               problem(with(base(), "/final/zz", {{"madv", 0}})).c_str());
  STRCMP_EQUAL(
      "/final/bo/pages: expected one of pages_use_count, pages_pin_count, vmap_use_count, madv, "
      "has_pages, has_sgt, freed, found key \"pages\"",
      problem(with(base(), "/final/bo/pages", 1)).c_str());
  STRCMP_EQUAL("/final/bo/has_sgt: expected true or false, found 1",
               problem(with(base(), "/final/bo/has_sgt", 1)).c_str());
  STRCMP_EQUAL("/final/bo/madv: expected -1 (purged), 0 or 1 (dontneed), found 2",
               problem(with(base(), "/final/bo/madv", 2)).c_str());
  STRCMP_EQUAL("/final/bo/vmap_use_count: expected an integer from 0 to 1000000, found -1",
               problem(with(base(), "/final/bo/vmap_use_count", -1)).c_str());
}

TEST(ScenarioLoader, InjectNamesFaults) {
  const LoadResult r = load_scenario(with(base(), "/inject", {"eintr", "edeadlk"}).dump());
  CHECK_TRUE(r.problems.empty());
  CHECK_TRUE(r.scenario->inject.eintr && r.scenario->inject.edeadlk);
  CHECK_FALSE(r.scenario->inject.enomem);
  STRCMP_EQUAL("/inject/1: expected \"enomem\", \"eintr\" or \"edeadlk\", found \"eagain\"",
               problem(with(base(), "/inject", {"enomem", "eagain"})).c_str());
  STRCMP_EQUAL("/inject: expected an array of faults, found \"eintr\"",
               problem(with(base(), "/inject", "eintr")).c_str());
}

TEST(ScenarioLoader, MissingRequiredKeys) {
  Json doc = base();
  doc.erase("threads");
  doc.erase("objects");
  doc.erase("name");
  const std::vector<std::string> all = problems(doc);
  LONGS_EQUAL(3, all.size());
  STRCMP_EQUAL("/name: expected a name of [a-z0-9_.-]+, found nothing", all[0].c_str());
  STRCMP_EQUAL("/objects: expected an array of at least one object, found nothing", all[1].c_str());
  STRCMP_EQUAL("/threads: expected an array of 1 to 8 threads, found nothing", all[2].c_str());
}

TEST(ScenarioLoader, WrongTypes) {
  STRCMP_EQUAL("/threads: expected an array of 1 to 8 threads, found an object",
               problem(with(base(), "/threads", Json::object())).c_str());
  STRCMP_EQUAL("/threads/0/repeat: expected an integer from 1 to 1000, found \"2\"",
               problem(with(base(), "/threads/0/repeat", "2")).c_str());
  STRCMP_EQUAL("/description: expected a string, found 3",
               problem(with(base(), "/description", 3)).c_str());
  STRCMP_EQUAL("/threads/0/ops/1: expected an op {\"call\": ...}, found \"return\"",
               problem(with(base(), "/threads/0/ops/1", "return")).c_str());
}

TEST(ScenarioLoader, UnknownCall) {
  STRCMP_EQUAL("/threads/0/ops/0/call: expected a call name, found unknown call \"mutex_lok\"",
               problem(with(base(), "/threads/0/ops/0/call", "mutex_lok")).c_str());
}

TEST(ScenarioLoader, DmaBufCallNeedsAnImport) {
  STRCMP_EQUAL(
      "/threads/0/ops/0/object: call dma_buf_pin needs an import, but 'bo' is a shmem object",
      problem(with(base(), "/threads/0/ops/0", {{"call", "dma_buf_pin"}, {"object", "bo"}}))
          .c_str());
}

TEST(ScenarioLoader, UnknownLock) {
  STRCMP_EQUAL("/threads/0/ops/1/lock: expected a lock declared in /locks, found \"z\"",
               problem(with(base(), "/threads/0/ops/1/lock", "z")).c_str());
  STRCMP_EQUAL("/setup/0/lock: expected a lock declared in /locks, found nothing",
               problem(with(base(), "/setup", {{{"call", "mutex_lock"}}})).c_str());
}

TEST(ScenarioLoader, DuplicateNames) {
  Json doc = base();
  doc["threads"].push_back(doc["threads"][0]);
  doc["locks"].push_back({{"name", "a"}});
  doc["objects"].push_back({{"name", "bo"}, {"type", "shmem"}});
  const std::vector<std::string> all = problems(doc);
  LONGS_EQUAL(3, all.size());
  STRCMP_EQUAL("/objects/1/name: expected a name not used before, found \"bo\"", all[0].c_str());
  STRCMP_EQUAL("/locks/2/name: expected a name not used before, found \"a\"", all[1].c_str());
  STRCMP_EQUAL("/threads/1/name: expected a name not used before, found \"t1\"", all[2].c_str());
  STRCMP_EQUAL("/threads/0/name: expected a name not used before, found \"setup\"",
               problem(with(base(), "/threads/0/name", "setup")).c_str());
}

TEST(ScenarioLoader, ThreadCount) {
  Json doc = base();
  for (int i = 2; i <= 9; ++i)
    doc["threads"].push_back({{"name", "t" + std::to_string(i)}, {"ops", Json::array()}});
  STRCMP_EQUAL("/threads: expected 1 to 8 threads, found 9", problem(doc).c_str());
  STRCMP_EQUAL("/threads: expected 1 to 8 threads, found 0",
               problem(with(base(), "/threads", Json::array())).c_str());
}

TEST(ScenarioLoader, InvalidRetForTheCall) {
  STRCMP_EQUAL("/threads/0/ops/0/ret: expected 0 for mutex_lock, found true",
               problem(with(base(), "/threads/0/ops/0/ret", true)).c_str());
  Json trylock = with(base(), "/threads/0/ops/0/call", "mutex_trylock");
  STRCMP_EQUAL("/threads/0/ops/0/ret: expected true or false for mutex_trylock, found 0",
               problem(with(trylock, "/threads/0/ops/0/ret", 0)).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected one of 0, true, false, \"-EDEADLK\", \"-EALREADY\", "
      "\"-EINTR\", \"-ENOMEM\", \"-EINVAL\", \"-EIO\" or \"SIGBUS\", found \"false\"",
      problem(with(trylock, "/threads/0/ops/0/ret", "false")).c_str());
}

TEST(ScenarioLoader, InvalidHandlerKeys) {
  Json trylock = with(base(), "/threads/0/ops/0/call", "mutex_trylock");
  STRCMP_EQUAL(
      "/threads/0/ops/0/on/-EDEADLK: expected a handler key \"false\" for mutex_trylock, found "
      "key \"-EDEADLK\"",
      problem(with(trylock, "/threads/0/ops/0/on", {{"-EDEADLK", Json::array()}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/on/false: expected no handler (mutex_lock returns no failure), found key "
      "\"false\"",
      problem(with(base(), "/threads/0/ops/0/on", {{"false", Json::array()}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/on/false/0/call: expected a call name, found unknown call \"x\"",
      problem(with(trylock, "/threads/0/ops/0/on", {{"false", {{{"call", "x"}}}}})).c_str());
}

TEST(ScenarioLoader, NamePattern) {
  STRCMP_EQUAL("/name: expected a name of [a-z0-9_.-]+, found \"Bad Name\"",
               problem(with(base(), "/name", "Bad Name")).c_str());
  STRCMP_EQUAL("/locks/1/name: expected a name of [a-z0-9_.-]+, found \"\"",
               problem(with(base(), "/locks/1/name", "")).c_str());
}

TEST(ScenarioLoader, ReservedLockName) {
  STRCMP_EQUAL("/locks/1/name: expected a name the model does not reserve, found \"pages_lock\"",
               problem(with(base(), "/locks/1/name", "pages_lock")).c_str());
}

TEST(ScenarioLoader, Objects) {
  STRCMP_EQUAL("/objects/0/type: expected \"shmem\" or \"import\", found \"bo\"",
               problem(with(base(), "/objects/0/type", "bo")).c_str());
  STRCMP_EQUAL(
      "/objects/1/of: expected the name of an earlier shmem object, found \"nope\"",
      problem(with(base(), "/objects/1", {{"name", "i"}, {"type", "import"}, {"of", "nope"}}))
          .c_str());
  STRCMP_EQUAL(
      "/objects/0/of: expected one of the keys name, type, pin_callback, found unknown key \"of\"",
      problem(with(base(), "/objects/0/of", "bo")).c_str());
  STRCMP_EQUAL(
      "/objects/0/pin_callback: expected \"drm_gem_shmem_object_pin\" or \"drm_gem_shmem_pin\", "
      "found 1",
      problem(with(base(), "/objects/0/pin_callback", 1)).c_str());
  STRCMP_EQUAL("/objects: expected an array of at least one object, found an array",
               problem(with(base(), "/objects", Json::array())).c_str());
}

TEST(ScenarioLoader, Bounds) {
  STRCMP_EQUAL("/bounds/preemptions: expected an integer from 0 to 64, found 65",
               problem(with(base(), "/bounds/preemptions", 65)).c_str());
  STRCMP_EQUAL("/bounds/max_steps: expected an integer from 1 to 10000000, found 1.5",
               problem(with(base(), "/bounds/max_steps", 1.5)).c_str());
  STRCMP_EQUAL(
      "/bounds/steps: expected one of the keys preemptions, max_steps, max_executions, found "
      "unknown key \"steps\"",
      problem(with(base(), "/bounds/steps", 1)).c_str());
  const LoadResult none = load_scenario(with(base(), "/bounds/preemptions", nullptr).dump());
  CHECK_TRUE(none.scenario.has_value());
  CHECK_FALSE(none.scenario->bounds.preemptions.has_value());
}

TEST(ScenarioLoader, Expectations) {
  STRCMP_EQUAL("/expect/v6.5/0: expected a finding kind, found \"dead_lock\"",
               problem(with(base(), "/expect/v6.5", {"dead_lock"})).c_str());
  STRCMP_EQUAL("/expect/v6.5/1: expected each kind once, found \"warn\"",
               problem(with(base(), "/expect/v6.5", {"warn", "warn"})).c_str());
  STRCMP_EQUAL(
      "/expect/v6.5: expected \"clean\", an array of finding kinds or {\"includes\", "
      "\"excludes\"}, found \"cleam\"",
      problem(with(base(), "/expect/v6.5", "cleam")).c_str());
  STRCMP_EQUAL("/expect/v6.6: expected a version (v6.4, v6.5, v6.10 or v6.16), found key \"v6.6\"",
               problem(with(base(), "/expect/v6.6", "clean")).c_str());
  Json listed = with(base(), "/versions", {"v6.4"});
  STRCMP_EQUAL("/expect/v6.5: expected a version listed in /versions, found key \"v6.5\"",
               problem(with(listed, "/expect/v6.5", "clean")).c_str());
  STRCMP_EQUAL(
      "/expect/v6.5/excludes: expected no kind that /includes names, found an array",
      problem(with(base(), "/expect/v6.5", {{"includes", {"warn"}}, {"excludes", {"warn"}}}))
          .c_str());
  STRCMP_EQUAL("/versions/1: expected each version once, found \"v6.4\"",
               problem(with(base(), "/versions", {"v6.4", "v6.4"})).c_str());
}

TEST(ScenarioLoader, ReportsEveryProblemOfAFile) {
  Json doc = with(base(), "/name", "Bad");
  doc["threads"][0]["ops"].push_back(op("mutex_lock", "z"));
  doc["threads"][0]["ops"].push_back({{"call", "dma_buf_pin"}, {"object", "bo"}});
  doc["bounds"] = {{"preemptions", -1}};
  const std::vector<std::string> all = problems(doc);
  LONGS_EQUAL(4, all.size());
  STRCMP_EQUAL("/name: expected a name of [a-z0-9_.-]+, found \"Bad\"", all[0].c_str());
  STRCMP_EQUAL("/threads/0/ops/2/lock: expected a lock declared in /locks, found \"z\"",
               all[1].c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/3/object: call dma_buf_pin needs an import, but 'bo' is a shmem object",
      all[2].c_str());
  STRCMP_EQUAL("/bounds/preemptions: expected an integer from 0 to 64, found -1", all[3].c_str());
}

}  // namespace resvcheck::scenarios
