// Running scenarios: ops, ret, on, return, repeat, setup and the end-of-thread lock check, each
// through a whole check (load, explore with dpor, judge).
#include <string>

#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// Checks v6.4 of the scenario whose `locks`, `setup` and `threads` are given as JSON text.
CheckResult check_body(const std::string& body) {
  const std::string text = R"({"name": "t", "objects": [{"name": "bo", "type": "shmem"}],
      "locks": [{"name": "a"}, {"name": "b"}], "versions": ["v6.4"], )" +
                           body + "}";
  return check_text(text);
}

}  // namespace

TEST_GROUP(ScenarioProgram){};

TEST(ScenarioProgram, LockHeldAtThreadEnd) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "mutex_lock", "lock": "a"}, {"call": "mutex_lock", "lock": "b"},
      {"call": "mutex_unlock", "lock": "a"}]}])");
  STRCMP_EQUAL("lock_held_at_exit", found(r).c_str());
  const sched::KindSummary& k = finding(r, sched::FindingKind::lock_held_at_exit);
  STRCMP_EQUAL("thread 't1' exited holding b", k.finding.message.c_str());
  UNSIGNED_LONGS_EQUAL(1, r.exploration.stats.executions);
  CHECK_TRUE(r.status == Status::fail);  // expected clean
}

TEST(ScenarioProgram, SetupRunsFirstAndItsHeldLocksCount) {
  // setup keeps a: t1's trylock always fails (ret false holds), and setup's end is a finding.
  const CheckResult r = check_body(R"("setup": [{"call": "mutex_lock", "lock": "a"}],
      "threads": [{"name": "t1", "ops": [{"call": "mutex_trylock", "lock": "a", "ret": false}]}],
      "expect": {"v6.4": ["lock_held_at_exit"]})");
  STRCMP_EQUAL("lock_held_at_exit", found(r).c_str());
  STRCMP_EQUAL("setup", finding(r, sched::FindingKind::lock_held_at_exit).thread_name.c_str());
  UNSIGNED_LONGS_EQUAL(1, r.exploration.stats.executions);
  CHECK_TRUE(r.status == Status::pass);
}

TEST(ScenarioProgram, UnexpectedReturnAndTheThreadGoesOn) {
  // The trylock of a held lock returns false, not the true asked for; the thread goes on and
  // unlocks a (otherwise a would be held at exit).
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "mutex_lock", "lock": "a"}, {"call": "mutex_trylock", "lock": "a", "ret": true},
      {"call": "mutex_unlock", "lock": "a"}]}])");
  STRCMP_EQUAL("unexpected_return", found(r).c_str());
  STRCMP_EQUAL("mutex_trylock(a) returned false, expected true",
               finding(r, sched::FindingKind::unexpected_return).finding.message.c_str());
}

TEST(ScenarioProgram, HandlerRunsThenTheThreadResumes) {
  // The handler drops a; without it the next lock of a would self-deadlock.
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "mutex_lock", "lock": "a"},
      {"call": "mutex_trylock", "lock": "a", "on": {"false": [{"call": "mutex_unlock", "lock": "a"}]}},
      {"call": "mutex_lock", "lock": "a"}, {"call": "mutex_unlock", "lock": "a"}]}])");
  STRCMP_EQUAL("", found(r).c_str());
  CHECK_TRUE(r.status == Status::pass);
}

TEST(ScenarioProgram, ReturnEndsTheThreadAndItsRepeats) {
  // Without the return the second iteration would lock a again (self_deadlock).
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "repeat": 2, "ops": [
      {"call": "mutex_lock", "lock": "a"}, {"call": "return"}]}])");
  STRCMP_EQUAL("lock_held_at_exit", found(r).c_str());
}

TEST(ScenarioProgram, RepeatRunsTheOpsAgain) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "repeat": 2, "ops": [
      {"call": "mutex_lock", "lock": "a"}]}])");
  STRCMP_EQUAL("self_deadlock", found(r).c_str());
}

TEST(ScenarioProgram, BackoffAvoidsTheAbbaDeadlock) {
  const CheckResult r = check_body(R"("threads": [
      {"name": "t1", "ops": [{"call": "mutex_lock", "lock": "a"}, {"call": "mutex_lock", "lock": "b"},
                             {"call": "mutex_unlock", "lock": "b"}, {"call": "mutex_unlock", "lock": "a"}]},
      {"name": "t2", "ops": [{"call": "mutex_lock", "lock": "b"},
                             {"call": "mutex_trylock", "lock": "a", "on": {"false": [
                                 {"call": "mutex_unlock", "lock": "b"}, {"call": "return"}]}},
                             {"call": "mutex_unlock", "lock": "a"}, {"call": "mutex_unlock", "lock": "b"}]}])");
  STRCMP_EQUAL("", found(r).c_str());
  // t1 takes b first: t2's trylock fails (t1 still holds a) or succeeds (after t1's unlock);
  // t2 takes b first: its trylock succeeds (before t1 locks a) or fails and t2 backs off.
  UNSIGNED_LONGS_EQUAL(4, r.exploration.stats.executions);
}

}  // namespace resvcheck::scenarios
