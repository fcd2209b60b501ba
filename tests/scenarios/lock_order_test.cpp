// lock_order through a whole check: the lock-order graph of all explored executions of a
// (scenario, version) has a cycle even when no execution deadlocks; trylocks add no edge.
// Also mutex_lock_interruptible with injected -EINTR, and the unhandled error that stops a thread.
#include <string>

#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// Checks v6.5 of the scenario whose `threads` (and optionally more keys) are given as JSON text,
/// with the mutexes g, a and b.
CheckResult check_body(const std::string& body) {
  const std::string text = R"({"name": "t", "objects": [{"name": "bo", "type": "shmem"}],
      "locks": [{"name": "g"}, {"name": "a"}, {"name": "b"}], "versions": ["v6.5"], )" +
                           body + "}";
  return check_text(text);
}

/// A thread that locks `first` then `second`, inside `gate` if given.
std::string locker(const std::string& name, const std::string& first, const std::string& second,
                   const std::string& gate = "") {
  const auto op = [](const char* call, const std::string& lock) {
    return R"({"call": ")" + std::string(call) + R"(", "lock": ")" + lock + R"("})";
  };
  std::string ops = op("mutex_lock", first) + ", " + op("mutex_lock", second) + ", " +
                    op("mutex_unlock", second) + ", " + op("mutex_unlock", first);
  if (!gate.empty()) ops = op("mutex_lock", gate) + ", " + ops + ", " + op("mutex_unlock", gate);
  return R"({"name": ")" + name + R"(", "ops": [)" + ops + "]}";
}

}  // namespace

TEST_GROUP(LockOrder){};

TEST(LockOrder, OppositeOrdersAreALockOrderCycleAfterTheDeadlock) {
  const CheckResult r =
      check_body(R"("threads": [)" + locker("t1", "a", "b") + ", " + locker("t2", "b", "a") + "]");
  STRCMP_EQUAL("deadlock lock_order", found(r).c_str());  // ordered by kind
  const sched::KindSummary& k = r.exploration.findings[1];
  STRCMP_EQUAL("possible circular locking dependency: a -> b -> a", k.finding.message.c_str());
  UNSIGNED_LONGS_EQUAL(1, k.sites);
  CHECK_FALSE(k.witness.empty());
  UNSIGNED_LONGS_EQUAL(0, k.preemptions);  // t1 alone shows a -> b
}

TEST(LockOrder, OppositeOrdersSerializedByAThirdLockAreStillALockOrderCycle) {
  const CheckResult r = check_body(R"("threads": [)" + locker("t1", "a", "b", "g") + ", " +
                                   locker("t2", "b", "a", "g") + "]");
  STRCMP_EQUAL("lock_order", found(r).c_str());
  CHECK_TRUE(r.status == Status::fail);  // expected clean
}

TEST(LockOrder, OneOrderEverywhereIsClean) {
  const CheckResult r = check_body(R"("threads": [)" + locker("t1", "a", "b", "g") + ", " +
                                   locker("t2", "a", "b") + "]");
  STRCMP_EQUAL("", found(r).c_str());
  CHECK_TRUE(r.status == Status::pass);
}

TEST(LockOrder, ATrylockAgainstTheOrderIsClean) {
  const CheckResult r = check_body(R"("threads": [)" + locker("t1", "a", "b") + R"(,
      {"name": "t2", "ops": [{"call": "mutex_lock", "lock": "b"},
        {"call": "mutex_trylock", "lock": "a", "on": {"false": [
          {"call": "mutex_unlock", "lock": "b"}, {"call": "return"}]}},
        {"call": "mutex_unlock", "lock": "a"}, {"call": "mutex_unlock", "lock": "b"}]}])");
  STRCMP_EQUAL("", found(r).c_str());
}

TEST(LockOrder, InjectedEintrIsHandledOrStopsTheThread) {
  const std::string t1 = locker("t1", "a", "b");
  // Handled: t2 backs off, and its end holds nothing.
  const CheckResult handled = check_body(R"("inject": ["eintr"], "threads": [)" + t1 + R"(,
      {"name": "t2", "ops": [{"call": "mutex_lock_interruptible", "lock": "a",
        "on": {"-EINTR": [{"call": "return"}]}}, {"call": "mutex_unlock", "lock": "a"}]}])");
  STRCMP_EQUAL("", found(handled).c_str());
  // Unhandled: t2 stops there; what it holds is not also lock_held_at_exit.
  const CheckResult unhandled = check_body(R"("inject": ["eintr"], "threads": [)" + t1 + R"(,
      {"name": "t2", "ops": [{"call": "mutex_lock", "lock": "g"},
        {"call": "mutex_lock_interruptible", "lock": "a"}, {"call": "mutex_unlock", "lock": "a"},
        {"call": "mutex_unlock", "lock": "g"}]}])");
  STRCMP_EQUAL("unhandled_error", found(unhandled).c_str());
  STRCMP_EQUAL("mutex_lock_interruptible(a) returned -EINTR and no handler catches it",
               unhandled.exploration.findings[0].finding.message.c_str());
  // Without the injection the same thread always gets the mutex.
  const CheckResult plain = check_body(R"("threads": [)" + t1 + R"(,
      {"name": "t2", "ops": [{"call": "mutex_lock_interruptible", "lock": "a", "ret": 0},
        {"call": "mutex_unlock", "lock": "a"}]}])");
  STRCMP_EQUAL("", found(plain).c_str());
}

}  // namespace resvcheck::scenarios
