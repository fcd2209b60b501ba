// Judging found kinds against an expectation (scenario-format.md, "Expectation semantics").
#include "scenarios/expectation.h"

#include <initializer_list>

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

using K = sched::FindingKind;

KindSet set(std::initializer_list<K> kinds) {
  KindSet s;
  for (K k : kinds) s.insert(k);
  return s;
}

Expectation exact(std::initializer_list<K> kinds) { return {set(kinds), {}, {}}; }

Expectation membership(std::initializer_list<K> includes, std::initializer_list<K> excludes) {
  return {std::nullopt, set(includes), set(excludes)};
}

struct Row {
  Expectation expected;
  KindSet found;
  bool complete;
  Status status;
};

}  // namespace

TEST_GROUP(Expectation){};

TEST(Expectation, JudgingTable) {
  const Row rows[] = {
      // clean
      {exact({}), set({}), true, Status::pass},
      {exact({}), set({K::warn}), true, Status::fail},
      {exact({}), set({}), false, Status::incomplete},  // a later execution may find something
      {exact({}), set({K::warn}), false, Status::fail},
      // exact set
      {exact({K::deadlock}), set({K::deadlock}), true, Status::pass},
      {exact({K::deadlock}), set({}), true, Status::fail},  // missing
      {exact({K::deadlock}), set({K::deadlock, K::warn}), true, Status::fail},
      {exact({K::deadlock}), set({K::deadlock}), false, Status::incomplete},  // extras may come
      {exact({K::deadlock}), set({K::warn}), false, Status::fail},
      {exact({K::deadlock, K::lock_order}), set({K::lock_order}), false, Status::incomplete},
      // includes / excludes
      {membership({K::deadlock}, {}), set({K::deadlock, K::warn}), true, Status::pass},
      {membership({K::deadlock}, {}), set({K::warn}), true, Status::fail},
      {membership({K::deadlock}, {}), set({K::deadlock}), false, Status::pass},  // decided
      {membership({K::deadlock}, {}), set({}), false, Status::incomplete},
      {membership({}, {K::warn}), set({}), true, Status::pass},
      {membership({}, {K::warn}), set({K::warn}), true, Status::fail},
      {membership({}, {K::warn}), set({K::warn}), false, Status::fail},
      {membership({}, {K::warn}), set({K::leak}), false, Status::incomplete},  // warn may come
      {membership({K::deadlock}, {K::warn}), set({K::deadlock}), false, Status::incomplete},
      {membership({K::deadlock}, {K::warn}), set({K::deadlock}), true, Status::pass},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); ++i) {
    const Row& r = rows[i];
    const Status got = judge(r.expected, r.found, r.complete);
    if (got != r.status)
      FAIL(("row " + std::to_string(i) + ": expected " + std::string(status_name(r.status)) +
            ", judged " + std::string(status_name(got)))
               .c_str());
  }
}

}  // namespace resvcheck::scenarios
