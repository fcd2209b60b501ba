// dpor against dfs on what the executions compute: the set of outcomes (final variable values, what
// each thread read, how far it got, whether it ended) plus the finding kinds. Unbounded, the sets
// are equal, and so are the sets of Mazurkiewicz traces (normal forms computed by World, not by
// the engine), dpor running each trace exactly once; with a preemption bound b, dpor finds every
// outcome dfs finds with bound b (and none that unbounded dfs does not).
#include <string>
#include <vector>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

struct Named {
  std::string name;
  ProgramOf make;
};

std::vector<Named> fixed_programs() {
  return {
      {"independent(3, 2)", [](Outcomes* o) { return independent(3, 2, o); }},
      {"shared_writer(3)", [](Outcomes* o) { return shared_writer(3, o); }},
      {"lockinc(3)", [](Outcomes* o) { return lockinc(3, {}, o); }},
      {"lockinc(3, counter)", [](Outcomes* o) { return lockinc(3, {.counter = true}, o); }},
      {"lockinc(3, own write)", [](Outcomes* o) { return lockinc(3, {.own_write = true}, o); }},
      {"lockinc(4, 2 mutexes)", [](Outcomes* o) { return lockinc(4, {.mutexes = 2}, o); }},
      {"readers(3)", [](Outcomes* o) { return readers(3, 1, o); }},
      {"readers(2, 2 writers)", [](Outcomes* o) { return readers(2, 2, o); }},
      {"lastzero(3)", [](Outcomes* o) { return lastzero(3, false, o); }},
      {"lastzero(3, full scan)", [](Outcomes* o) { return lastzero(3, true, o); }},
      {"abba", [](Outcomes* o) { return abba(o); }},
      {"lock_cycle(3)", [](Outcomes* o) { return lock_cycle(3, o); }},
      {"abba_serialized", [](Outcomes* o) { return abba_serialized(o); }},
      {"self_relock", [](Outcomes* o) { return self_relock(false, o); }},
      {"self_relock(shared)", [](Outcomes* o) { return self_relock(true, o); }},
      {"write_locks", [](Outcomes* o) { return write_locks(o); }},
  };
}

// The first lines of an outcome set, for failure messages.
std::string join(const std::set<std::string>& s) {
  std::string out;
  size_t shown = 0;
  for (const auto& line : s) {
    if (++shown > 12) return out + "\n    ... (" + std::to_string(s.size()) + " in all)";
    out += "\n    " + line;
  }
  return out;
}

// Compares dpor with dfs on one program; returns false (and says why) when dfs cannot finish
// within `dfs_budget` executions, so the caller can skip the program.
bool compare(const std::string& name, const ProgramOf& make, uint64_t dfs_budget) {
  sched::Config ref_config = dfs();
  ref_config.max_executions = dfs_budget;
  Observed ref = observe(make, ref_config);
  CHECK_TEXT(!ref.result.error, (name + ": " + ref.result.error.value_or("")).c_str());
  if (!ref.result.stats.complete) return false;

  Observed got = observe(make, dpor());
  CHECK_TEXT(!got.result.error, (name + ": " + got.result.error.value_or("")).c_str());
  CHECK_TEXT(got.result.stats.complete, (name + ": dpor incomplete").c_str());
  if (got.signature() != ref.signature())
    FAIL((name + ": dpor outcomes differ from dfs\n  dpor:" + join(got.signature()) +
          "\n  dfs:" + join(ref.signature()))
             .c_str());
  // Same traces, each run once (sleep sets): a step-limited execution records no trace.
  if (got.outcomes.traces != ref.outcomes.traces)
    FAIL((name + ": dpor traces differ from dfs\n  dpor:" + join(got.outcomes.traces) +
          "\n  dfs:" + join(ref.outcomes.traces))
             .c_str());
  if (!find_kind(ref.result, sched::FindingKind::step_limit))
    UNSIGNED_LONGS_EQUAL_TEXT(ref.outcomes.traces.size(), got.result.stats.executions,
                              (name + ": dpor executions != traces").c_str());

  for (uint32_t b = 0; b <= 2; ++b) {
    std::string label = name + " bound " + std::to_string(b);
    Observed ref_b = observe(make, dfs(b));
    Observed got_b = observe(make, dpor(b));
    CHECK_TEXT(ref_b.result.stats.complete && got_b.result.stats.complete,
               (label + ": incomplete").c_str());
    std::string missing;
    if (!includes(got_b.signature(), ref_b.signature(), &missing))
      FAIL((label + ": dpor misses an outcome dfs finds: " + missing +
            "\n  dpor:" + join(got_b.signature()) + "\n  dfs:" + join(ref_b.signature()))
               .c_str());
    if (!includes(ref.signature(), got_b.signature(), &missing))
      FAIL((label + ": dpor reports an impossible outcome: " + missing).c_str());
  }
  return true;
}

}  // namespace

TEST_GROUP(DporEqualsDfs){};

TEST(DporEqualsDfs, FixedPrograms) {
  for (const auto& p : fixed_programs())
    CHECK_TEXT(compare(p.name, p.make, 1'000'000), (p.name + ": dfs did not finish").c_str());
}

// Regression (random seed 171 of a 3 x 7 shape, minimized): with bound 1, dfs reaches t0 reading
// x, t1 running to its end (reading y = 0 twice), then t0 taking m twice; so must dpor.
TEST(DporEqualsDfs, TrylockRaceUnderBound1) {
  const std::string state = "v=1,1 | t0:11/1/done t1:0/1/done";
  Observed ref = observe([](Outcomes* o) { return trylock_race(o); }, dfs(1));
  Observed got = observe([](Outcomes* o) { return trylock_race(o); }, dpor(1));
  UNSIGNED_LONGS_EQUAL(11, ref.result.stats.executions);
  UNSIGNED_LONGS_EQUAL(8, ref.outcomes.traces.size());
  CHECK_TEXT(ref.outcomes.states.count(state), "dfs(1) lost the state");
  CHECK_TEXT(got.outcomes.states.count(state), ("dpor(1) misses " + state).c_str());
  CHECK_TEXT(got.outcomes.traces == ref.outcomes.traces, "dpor(1) misses a trace dfs(1) runs");
}

// A spin loop cut by step_limit: the setter's write must still be tried after every read, as dfs
// does (49 executions where the loop ends, 2 cut).
TEST(DporEqualsDfs, StepLimitedPrograms) {
  sched::Config ref_config = dfs();
  sched::Config got_config = dpor();
  ref_config.max_steps = got_config.max_steps = 50;
  Observed ref = observe([](Outcomes* o) { return spin(true, o); }, ref_config);
  Observed got = observe([](Outcomes* o) { return spin(true, o); }, got_config);
  UNSIGNED_LONGS_EQUAL(51, ref.result.stats.executions);
  // The write after k = 0 .. 48 reads; cut executions run no end hook, so record no outcome.
  UNSIGNED_LONGS_EQUAL(49, ref.outcomes.states.size());
  if (got.signature() != ref.signature())
    FAIL(("spin: dpor outcomes differ from dfs\n  dpor:" + join(got.signature()) +
          "\n  dfs:" + join(ref.signature()))
             .c_str());
}

// At least 200 seeded random programs; the few whose dfs tree is too large are skipped (counted).
TEST(DporEqualsDfs, RandomPrograms) {
  const int wanted = 200;
  int compared = 0;
  int skipped = 0;
  for (uint64_t seed = 1; compared < wanted && seed <= 1000; ++seed) {
    RandomProgram p = random_program(seed);
    if (compare(
            p.describe(), [&p](Outcomes* o) { return program_of(p, o); }, 50'000))
      ++compared;
    else
      ++skipped;
  }
  LONGS_EQUAL_TEXT(wanted, compared, "too many random programs skipped");
  CHECK_TEXT(skipped <= wanted / 4, "more than a quarter of the random programs skipped");
}

// The generator is part of the test's meaning: the same seed must give the same program.
TEST(DporEqualsDfs, RandomProgramsAreDeterministic) {
  STRCMP_EQUAL(random_program(7).describe().c_str(), random_program(7).describe().c_str());
  CHECK(random_program(7).describe() != random_program(8).describe());
  for (uint64_t seed = 1; seed <= 500; ++seed) {
    RandomProgram p = random_program(seed);
    CHECK(p.threads.size() >= 2 && p.threads.size() <= 4);
    CHECK(p.mutexes >= 1 && p.mutexes <= 3 && p.variables >= 1 && p.variables <= 3);
    for (const auto& ops : p.threads) CHECK(!ops.empty() && ops.size() <= 4);
  }
}
