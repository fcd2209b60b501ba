// random and pct: seeded, so two runs give identical results; never complete; and on ABBA they
// find the deadlock within 1000 iterations.
#include <string>

#include "tests/scheduler/support.h"

#include "CppUTest/TestHarness.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

sched::Config sampling(sched::StrategyKind kind, uint64_t seed) {
  sched::Config c = config_of(kind);
  c.seed = seed;
  c.iterations = 1000;
  return c;
}

void check_same(const sched::ExplorationResult& a, const sched::ExplorationResult& b,
                const std::string& what) {
  UNSIGNED_LONGS_EQUAL_TEXT(a.stats.executions, b.stats.executions, what.c_str());
  UNSIGNED_LONGS_EQUAL_TEXT(a.stats.steps, b.stats.steps, what.c_str());
  UNSIGNED_LONGS_EQUAL_TEXT(a.stats.max_depth, b.stats.max_depth, what.c_str());
  STRCMP_EQUAL_TEXT(kind_list(a).c_str(), kind_list(b).c_str(), what.c_str());
  for (size_t i = 0; i < a.findings.size() && i < b.findings.size(); ++i) {
    CHECK_TEXT(a.findings[i].witness == b.findings[i].witness, what.c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(a.findings[i].executions, b.findings[i].executions, what.c_str());
  }
}

void check_strategy(sched::StrategyKind kind, const std::string& name) {
  for (uint64_t seed : {0, 1, 42}) {
    std::string what = name + " seed " + std::to_string(seed);
    sched::ExplorationResult a = sched::explore(abba(), sampling(kind, seed));
    sched::ExplorationResult b = sched::explore(abba(), sampling(kind, seed));
    CHECK_TEXT(!a.error.has_value(), a.error.value_or("").c_str());
    CHECK_TEXT(!a.stats.complete, (what + ": complete").c_str());
    UNSIGNED_LONGS_EQUAL_TEXT(1000, a.stats.executions, what.c_str());
    STRCMP_EQUAL_TEXT("deadlock", kind_list(a).c_str(), what.c_str());
    check_same(a, b, what);

    // Outcomes are a subset of what exhaustive dpor finds.
    Observed all = observe([](Outcomes* o) { return lastzero(3, false, o); }, dpor());
    Observed some =
        observe([](Outcomes* o) { return lastzero(3, false, o); }, sampling(kind, seed));
    std::string missing;
    CHECK_TEXT(includes(all.outcomes.states, some.outcomes.states, &missing),
               (what + ": " + missing).c_str());
    CHECK_TEXT(!some.outcomes.states.empty(), what.c_str());
  }
}

}  // namespace

TEST_GROUP(Sampling){};

TEST(Sampling, RandomIsSeededAndFindsAbba) {
  check_strategy(sched::StrategyKind::random, "random");
}

TEST(Sampling, PctIsSeededAndFindsAbba) { check_strategy(sched::StrategyKind::pct, "pct"); }

// Different seeds explore differently (the sequence of executions is not fixed).
TEST(Sampling, SeedsMatter) {
  sched::Config a = sampling(sched::StrategyKind::random, 1);
  sched::Config b = sampling(sched::StrategyKind::random, 2);
  a.iterations = b.iterations = 50;
  Observed x = observe([](Outcomes* o) { return lastzero(4, false, o); }, a);
  Observed y = observe([](Outcomes* o) { return lastzero(4, false, o); }, b);
  CHECK(x.result.stats.steps != y.result.stats.steps || x.outcomes.states != y.outcomes.states);
}
