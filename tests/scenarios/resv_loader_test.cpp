// The scenario loader on reservation-lock and acquire-context ops: objects name resvs (an import
// its exporter's), contexts are per thread and must be initialised in it, a resv takes the class
// of the contexts that lock it, and bad arguments give their JSON pointer and message.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// A valid scenario of three objects (imp shares bo's resv) and thread t1; tests set its ops.
Json base(Json ops) {
  Json doc = Json::parse(R"({
    "name": "base",
    "objects": [{"name": "bo", "type": "shmem"}, {"name": "imp", "type": "import", "of": "bo"},
                {"name": "bo2", "type": "shmem"}],
    "threads": [{"name": "t1", "ops": []}]
  })");
  doc["threads"][0]["ops"] = std::move(ops);
  return doc;
}

/// The only problem of `doc`, as "where: message".
Scenario load(const Json& doc) {
  LoadResult r = load_scenario(doc.dump());
  if (!r.problems.empty()) FAIL((r.problems[0].where + ": " + r.problems[0].message).c_str());
  return std::move(*r.scenario);
}

const Json kInit = {{"call", "ww_acquire_init"}, {"ctx", "c"}};

Json op(std::string call, std::string object) { return {{"call", call}, {"object", object}}; }

Json op(std::string call, std::string object, std::string ctx) {
  return {{"call", call}, {"object", object}, {"ctx", ctx}};
}

}  // namespace

TEST_GROUP(ResvLoader){};

TEST(ResvLoader, EveryShmemObjectHasAResvAndAnImportSharesItsExporters) {
  const Scenario s = load(base(Json::array()));
  LONGS_EQUAL(3, s.objects.size());
  LONGS_EQUAL(2, s.resvs.size());
  STRCMP_EQUAL("bo.resv", s.resvs[0].name.c_str());
  STRCMP_EQUAL("bo2.resv", s.resvs[1].name.c_str());
  LONGS_EQUAL(0, s.objects[0].resv);
  LONGS_EQUAL(0, s.objects[1].resv);
  CHECK_TRUE(s.objects[1].of == 0u);
  LONGS_EQUAL(1, s.objects[2].resv);
  CHECK_FALSE(s.objects[2].of.has_value());
  CHECK_TRUE(s.resvs[0].cls == CtxClass::wait_die);
}

TEST(ResvLoader, LoadsTheArgumentsOfEveryCall) {
  const Scenario s = load(base({
      kInit,
      op("dma_resv_lock", "imp", "c"),
      op("dma_resv_lock_interruptible", "bo2"),
      op("dma_resv_lock_slow", "bo", "c"),
      {{"call", "dma_resv_trylock"}, {"object", "bo2"}, {"ret", false}},
      op("dma_resv_unlock", "bo"),
      op("dma_resv_assert_held", "bo2"),
      {{"call", "ww_acquire_done"}, {"ctx", "c"}},
      {{"call", "ww_acquire_fini"}, {"ctx", "c"}},
      {{"call", "ww_acquire_init"}, {"ctx", "d"}, {"class", "wound_wait"}},
      {{"call", "ww_acquire_fini"}, {"ctx", "d"}},
  }));
  const std::vector<Op>& ops = s.threads[0].ops;
  LONGS_EQUAL(11, ops.size());
  CHECK_TRUE((s.threads[0].contexts == std::vector<std::string>{"c", "d"}));
  CHECK_TRUE(ops[0].call == Call::ww_acquire_init);
  CHECK_TRUE(ops[0].ctx == 0u);
  CHECK_TRUE(ops[0].cls == CtxClass::wait_die);  // the default class
  LONGS_EQUAL(1, ops[1].object);
  CHECK_TRUE(ops[1].ctx == 0u);
  LONGS_EQUAL(2, ops[2].object);
  CHECK_FALSE(ops[2].ctx.has_value());  // the NULL context
  CHECK_TRUE(ops[3].ctx == 0u);
  CHECK_TRUE(ops[4].ret == RetValue::false_);
  CHECK_TRUE(ops[9].ctx == 1u);
  CHECK_TRUE(ops[9].cls == CtxClass::wound_wait);
}

TEST(ResvLoader, AResvTakesTheClassOfTheContextsThatLockIt) {
  // t2's c is wound-wait and locks imp, so bo.resv (shared) is wound-wait; t1's c, with the
  // same name, is another context: bo2.resv, which only it locks, stays wait-die.
  Json doc = base({kInit, op("dma_resv_lock", "bo2", "c"), op("dma_resv_lock", "bo")});
  doc["threads"].push_back({{"name", "t2"},
                            {"ops",
                             {{{"call", "ww_acquire_init"}, {"ctx", "c"}, {"class", "wound_wait"}},
                              op("dma_resv_lock_slow", "imp", "c")}}});
  const Scenario s = load(doc);
  CHECK_TRUE(s.resvs[0].cls == CtxClass::wound_wait);
  CHECK_TRUE(s.resvs[1].cls == CtxClass::wait_die);
}

TEST(ResvLoader, ContextsAreInitialisedInTheirOwnThread) {
  STRCMP_EQUAL(
      "/threads/0/ops/0/ctx: context 'c' is never initialised in thread 't1'",
      problem(base({op("dma_resv_lock", "bo", "c"), op("dma_resv_unlock", "bo")})).c_str());
  // An init in another thread is another context.
  Json doc = base({kInit});
  doc["threads"].push_back(
      {{"name", "t2"}, {"ops", {{{"call", "ww_acquire_fini"}, {"ctx", "c"}}}}});
  STRCMP_EQUAL("/threads/1/ops/0/ctx: context 'c' is never initialised in thread 't2'",
               problem(doc).c_str());
  doc = base(Json::array());
  doc["setup"] = {{{"call", "ww_acquire_done"}, {"ctx", "c"}}};
  STRCMP_EQUAL("/setup/0/ctx: context 'c' is never initialised in thread 'setup'",
               problem(doc).c_str());
  // An init anywhere in the thread counts, in a handler too.
  load(base({{{"call", "dma_resv_trylock"},
              {"object", "bo"},
              {"on", {{"false", {kInit, op("dma_resv_lock", "bo", "c")}}}}},
             {{"call", "ww_acquire_fini"}, {"ctx", "c"}}}));
}

TEST(ResvLoader, UnknownOrMissingObject) {
  STRCMP_EQUAL("/threads/0/ops/0/object: expected an object declared in /objects, found \"z\"",
               problem(base({op("dma_resv_unlock", "z")})).c_str());
  STRCMP_EQUAL("/threads/0/ops/0/object: expected an object declared in /objects, found nothing",
               problem(base({{{"call", "dma_resv_lock"}}})).c_str());
}

TEST(ResvLoader, ArgumentsACallDoesNotTake) {
  STRCMP_EQUAL(
      "/threads/0/ops/1/ctx: expected one of the keys call, object, ret, on, found unknown key "
      "\"ctx\"",
      problem(base({kInit, op("dma_resv_trylock", "bo", "c")})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/lock: expected one of the keys call, object, ctx, ret, on, found unknown "
      "key \"lock\"",
      problem(base({{{"call", "dma_resv_lock"}, {"object", "bo"}, {"lock", "a"}}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/1/class: expected one of the keys call, ctx, ret, on, found unknown key "
      "\"class\"",
      problem(base({kInit, {{"call", "ww_acquire_fini"}, {"ctx", "c"}, {"class", "wait_die"}}}))
          .c_str());
}

TEST(ResvLoader, LockSlowNeedsAContext) {
  STRCMP_EQUAL("/threads/0/ops/0/ctx: expected a context name, found nothing",
               problem(base({op("dma_resv_lock_slow", "bo")})).c_str());
  STRCMP_EQUAL("/threads/0/ops/0/ctx: expected a name of [a-z0-9_.-]+, found 3",
               problem(base({{{"call", "ww_acquire_init"}, {"ctx", 3}}})).c_str());
}

TEST(ResvLoader, UnknownClass) {
  STRCMP_EQUAL(
      "/threads/0/ops/0/class: expected \"wait_die\" or \"wound_wait\", found \"wound-wait\"",
      problem(base({{{"call", "ww_acquire_init"}, {"ctx", "c"}, {"class", "wound-wait"}},
                    {{"call", "ww_acquire_fini"}, {"ctx", "c"}}}))
          .c_str());
}

TEST(ResvLoader, RetAndHandlersMustBeValuesTheCallReturns) {
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected 0, \"-EDEADLK\" or \"-EALREADY\" for dma_resv_lock, found "
      "true",
      problem(base({{{"call", "dma_resv_lock"}, {"object", "bo"}, {"ret", true}}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/on/-EINTR: expected a handler key \"-EDEADLK\" or \"-EALREADY\" for "
      "dma_resv_lock, found key \"-EINTR\"",
      problem(
          base(
              {{{"call", "dma_resv_lock"}, {"object", "bo"}, {"on", {{"-EINTR", Json::array()}}}}}))
          .c_str());
  STRCMP_EQUAL("/threads/0/ops/1/ret: expected 0 for dma_resv_lock_slow, found \"-EDEADLK\"",
               problem(base({kInit,
                             {{"call", "dma_resv_lock_slow"},
                              {"object", "bo"},
                              {"ctx", "c"},
                              {"ret", "-EDEADLK"}}}))
                   .c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected true or false for dma_resv_trylock, found 0",
      problem(base({{{"call", "dma_resv_trylock"}, {"object", "bo"}, {"ret", 0}}})).c_str());
  load(base({{{"call", "dma_resv_lock_interruptible"},
              {"object", "bo"},
              {"ret", 0},
              {"on", {{"-EINTR", {{{"call", "return"}}}}, {"-EDEADLK", Json::array()}}}}}));
}

}  // namespace resvcheck::scenarios
