// Replay round trip: explore, take each finding's witness schedule, replay it: the same finding
// kind at the same step, the decisions followed exactly, and the same event log (thread, object,
// access per step) every time it is replayed.
#include <string>
#include <vector>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

bool same_log(const std::vector<sched::StepRecord>& a, const std::vector<sched::StepRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].thread != b[i].thread || a[i].event.object != b[i].event.object ||
        a[i].event.access != b[i].event.access || a[i].setup != b[i].setup)
      return false;
  return true;
}

// Replays every witness of `r`; returns how many were checked.
int check_witnesses(const std::string& name, const sched::Program& program,
                    const sched::ExplorationResult& r, const sched::Config& config) {
  int checked = 0;
  for (const sched::KindSummary& k : r.findings) {
    std::string label = name + " " + std::string(sched::finding_kind_name(k.kind));
    sched::ReplayResult first = sched::replay(program, k.witness, config);
    sched::ReplayResult second = sched::replay(program, k.witness, config);
    CHECK_TEXT(!first.error && !second.error, (label + ": replay error").c_str());
    CHECK_TEXT(!first.divergence, (label + ": " + first.divergence.value_or("")).c_str());
    CHECK_TEXT(first.followed == k.witness, (label + ": decisions not followed").c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(k.steps, first.steps.size(), (label + ": steps").c_str());
    CHECK_TEXT(same_log(first.steps, second.steps), (label + ": event logs differ").c_str());

    bool found = false;
    for (const sched::Finding& f : first.findings)
      found |= f.kind == k.kind && f.step == k.finding.step && f.thread == k.finding.thread;
    CHECK_TEXT(found, (label + ": not raised at step " + std::to_string(k.finding.step)).c_str());
    if (k.finding.thread != sched::kNoThread)
      STRCMP_EQUAL_TEXT(k.thread_name.c_str(),
                        std::string(first.thread_names.at(k.finding.thread)).c_str(),
                        label.c_str());
    ++checked;
  }
  return checked;
}

}  // namespace

TEST_GROUP(Replay){};

TEST(Replay, FixedProgramWitnesses) {
  struct Case {
    std::string name;
    sched::Program program;
    sched::Config config;
    int kinds;
  };
  sched::Config spin_config = dpor();
  spin_config.max_steps = 50;
  const Case cases[] = {
      {"abba", abba(), dpor(), 1},
      {"abba bound 1", abba(), dpor(1), 1},
      {"abba dfs", abba(), dfs(), 1},
      {"lock_cycle(3)", lock_cycle(3), dpor(), 1},
      {"self_relock", self_relock(false), dpor(), 1},
      {"self_relock(shared)", self_relock(true), dpor(), 2},
      {"spin", spin(false), spin_config, 1},
  };
  for (const Case& c : cases) {
    sched::ExplorationResult r = sched::explore(c.program, c.config);
    LONGS_EQUAL_TEXT(c.kinds, static_cast<long>(r.findings.size()), c.name.c_str());
    LONGS_EQUAL_TEXT(c.kinds, check_witnesses(c.name, c.program, r, c.config), c.name.c_str());
  }
}

// Deadlocks are rare in random programs (7 of seeds 1..1000 have one): take them all.
TEST(Replay, RandomProgramWitnesses) {
  int checked = 0;
  for (uint64_t seed = 1; seed <= 1000; ++seed) {
    RandomProgram p = random_program(seed);
    sched::Program program = program_of(p);
    checked += check_witnesses(p.describe(), program, sched::explore(program, dpor()), dpor());
  }
  CHECK_TEXT(checked >= 5, ("only " + std::to_string(checked) + " witnesses").c_str());
}

// A full execution replayed twice gives the same log: abba serial, t0 then t1.
TEST(Replay, SerialScheduleIsReproduced) {
  sched::Schedule s;
  const sched::ThreadId t0 = 0;  // thread ids are dense, in creation order
  for (int i = 0; i < 4; ++i) s.push_back(sched::Decision::thread(t0));
  for (int i = 0; i < 4; ++i) s.push_back(sched::Decision::thread(t0 + 1));
  sched::ReplayResult a = sched::replay(abba(), s, dpor());
  sched::ReplayResult b = sched::replay(abba(), s, dpor());
  CHECK_TEXT(!a.divergence, a.divergence.value_or("").c_str());
  UNSIGNED_LONGS_EQUAL(8, a.steps.size());
  CHECK(a.findings.empty());
  CHECK(same_log(a.steps, b.steps));
  // t0: acquire A, acquire B, release B, release A; t1: acquire B, acquire A, release A, release B.
  const sched::Access expected[] = {sched::Access::acquire, sched::Access::acquire,
                                    sched::Access::release, sched::Access::release};
  for (int i = 0; i < 8; ++i) {
    CHECK(a.steps[i].event.access == expected[i % 4]);
    UNSIGNED_LONGS_EQUAL(i < 4 ? t0 : t0 + 1, a.steps[i].thread);
  }
  UNSIGNED_LONGS_EQUAL(a.steps[0].event.object, a.steps[5].event.object);
  UNSIGNED_LONGS_EQUAL(a.steps[1].event.object, a.steps[4].event.object);
  CHECK(a.steps[0].event.object != a.steps[1].event.object);
}

// A schedule that does not fit the program is a divergence, not a crash.
TEST(Replay, DivergenceIsReported) {
  sched::Schedule bad = {sched::Decision::thread(9)};
  sched::ReplayResult r = sched::replay(abba(), bad, dpor());
  CHECK(r.divergence.has_value());
  CHECK(!r.error);
  CHECK(sched::replay(abba(), {}, dpor()).divergence.has_value());  // decisions missing

  sched::ExplorationResult e = sched::explore(abba(), dpor());
  sched::Schedule longer = find_kind(e, sched::FindingKind::deadlock)->witness;
  longer.push_back(longer.back());
  CHECK(sched::replay(abba(), longer, dpor()).divergence.has_value());
}
