// Running reservation-lock and acquire-context ops: the resv an import shares, per-thread
// contexts reused across ww_acquire_init/fini, what a thread holds at its end, and how findings
// name the calls. Each through a whole check (load, explore with dpor, judge).
#include <string>

#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// Checks v6.5 of the scenario with objects a, b and imp (an import of a) and the given
/// `threads` (and any other keys) as JSON text.
CheckResult check_body(const std::string& body) {
  const std::string text = R"({"name": "t", "versions": ["v6.5"], "objects": [
      {"name": "a", "type": "shmem"}, {"name": "b", "type": "shmem"},
      {"name": "imp", "type": "import", "of": "a"}], )" +
                           body + "}";
  return check_text(text);
}

}  // namespace

TEST_GROUP(ResvProgram){};

TEST(ResvProgram, AnImportLocksItsExportersResv) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "dma_resv_lock", "object": "imp"},
      {"call": "dma_resv_trylock", "object": "a", "ret": false},
      {"call": "dma_resv_assert_held", "object": "a"},
      {"call": "dma_resv_unlock", "object": "a"}]}])");
  STRCMP_EQUAL("", found(r).c_str());
}

TEST(ResvProgram, AThreadEndingWithoutFiniHoldsItsContext) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "ww_acquire_init", "ctx": "c"},
      {"call": "dma_resv_lock", "object": "a", "ctx": "c"}]}])");
  STRCMP_EQUAL("lock_held_at_exit", found(r).c_str());
  const sched::KindSummary& k = finding(r, sched::FindingKind::lock_held_at_exit);
  STRCMP_EQUAL("thread 't1' exited holding c (acquire context)", k.finding.message.c_str());
  UNSIGNED_LONGS_EQUAL(2, k.sites);  // the context and a.resv (ctx c)
}

TEST(ResvProgram, ALiveContextAloneIsHeldAtExit) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "ww_acquire_init", "ctx": "c", "class": "wound_wait"}]}])");
  STRCMP_EQUAL("lock_held_at_exit", found(r).c_str());
  UNSIGNED_LONGS_EQUAL(1, finding(r, sched::FindingKind::lock_held_at_exit).sites);
}

TEST(ResvProgram, InitAfterFiniReusesTheContext) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "repeat": 3, "ops": [
      {"call": "ww_acquire_init", "ctx": "c"},
      {"call": "dma_resv_lock", "object": "a", "ctx": "c"},
      {"call": "dma_resv_lock", "object": "b", "ctx": "c"},
      {"call": "ww_acquire_done", "ctx": "c"},
      {"call": "dma_resv_unlock", "object": "b"},
      {"call": "dma_resv_unlock", "object": "a"},
      {"call": "ww_acquire_fini", "ctx": "c"}]}])");
  STRCMP_EQUAL("", found(r).c_str());
}

TEST(ResvProgram, FindingsNameTheCallWithItsObjectAndContext) {
  // Without a back-off, the younger context's -EDEADLK stops its thread; the other waits on the
  // stopped thread for good, which is no deadlock.
  const CheckResult r = check_body(R"("threads": [
      {"name": "t1", "ops": [{"call": "ww_acquire_init", "ctx": "c"},
                             {"call": "dma_resv_lock", "object": "a", "ctx": "c"},
                             {"call": "dma_resv_lock", "object": "b", "ctx": "c"},
                             {"call": "dma_resv_unlock", "object": "b"},
                             {"call": "dma_resv_unlock", "object": "a"},
                             {"call": "ww_acquire_fini", "ctx": "c"}]},
      {"name": "t2", "ops": [{"call": "ww_acquire_init", "ctx": "c"},
                             {"call": "dma_resv_lock", "object": "b", "ctx": "c"},
                             {"call": "dma_resv_lock", "object": "imp", "ctx": "c"},
                             {"call": "dma_resv_unlock", "object": "imp"},
                             {"call": "dma_resv_unlock", "object": "b"},
                             {"call": "ww_acquire_fini", "ctx": "c"}]}])");
  STRCMP_EQUAL("unhandled_error", found(r).c_str());
  const sched::KindSummary& k = finding(r, sched::FindingKind::unhandled_error);
  UNSIGNED_LONGS_EQUAL(2, k.sites);  // either thread may be the younger
  const std::string& message = k.finding.message;
  CHECK_TRUE(message == "dma_resv_lock(b, c) returned -EDEADLK and no handler catches it" ||
             message == "dma_resv_lock(imp, c) returned -EDEADLK and no handler catches it");
}

TEST(ResvProgram, NullContextLocksPrintAsNull) {
  const CheckResult r = check_body(R"("inject": ["eintr"], "threads": [
      {"name": "t1", "ops": [{"call": "dma_resv_lock", "object": "a"},
                             {"call": "dma_resv_unlock", "object": "a"}]},
      {"name": "t2", "ops": [{"call": "dma_resv_lock_interruptible", "object": "a"},
                             {"call": "dma_resv_unlock", "object": "a"}]}])");
  STRCMP_EQUAL("unhandled_error", found(r).c_str());
  STRCMP_EQUAL("dma_resv_lock_interruptible(a, NULL) returned -EINTR and no handler catches it",
               finding(r, sched::FindingKind::unhandled_error).finding.message.c_str());
}

TEST(ResvProgram, AResvLockedUnderBothClassesIsMisuse) {
  const CheckResult r = check_body(R"("threads": [
      {"name": "t1", "ops": [{"call": "ww_acquire_init", "ctx": "c"},
                             {"call": "dma_resv_lock", "object": "a", "ctx": "c"},
                             {"call": "dma_resv_unlock", "object": "a"},
                             {"call": "ww_acquire_fini", "ctx": "c"}]},
      {"name": "t2", "ops": [{"call": "ww_acquire_init", "ctx": "c", "class": "wound_wait"},
                             {"call": "dma_resv_lock", "object": "a", "ctx": "c"},
                             {"call": "dma_resv_unlock", "object": "a"},
                             {"call": "ww_acquire_fini", "ctx": "c"}]}])");
  STRCMP_EQUAL("ww_misuse", found(r).c_str());
  STRCMP_EQUAL("'t1', context 'c': 'a.resv' is used under contexts of two classes",
               finding(r, sched::FindingKind::ww_misuse).finding.message.c_str());
}

TEST(ResvProgram, AssertHeldNamesTheResvAndWhatTheThreadHolds) {
  const CheckResult r = check_body(R"("threads": [{"name": "t1", "ops": [
      {"call": "dma_resv_lock", "object": "b"},
      {"call": "dma_resv_assert_held", "object": "imp"},
      {"call": "dma_resv_unlock", "object": "b"}]}])");
  STRCMP_EQUAL("assert_held", found(r).c_str());
  STRCMP_EQUAL("dma_resv_assert_held: 't1' does not hold a.resv (holding: b.resv (NULL ctx))",
               finding(r, sched::FindingKind::assert_held).finding.message.c_str());
}

}  // namespace resvcheck::scenarios
