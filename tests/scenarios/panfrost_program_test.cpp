// The panfrost calls in scenarios: loading them (the implicit shrinker_lock, their arguments and
// `ret` values), running them through a whole check (load, explore with dpor, judge), the lock
// order the ioctl shows in each version, and a scan written with blocking locks as scenario ops
// (not the model's shrinker) deadlocking against the ioctl where the model's is clean.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/lockdep.h"
#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// Appends `item` to the list `out`, after `sep` unless it is the first.
void append(std::string& out, std::string_view sep, std::string_view item) {
  if (!out.empty()) out += sep;
  out += item;
}

Json base() {
  return Json::parse(R"({
    "name": "base",
    "objects": [{"name": "bo", "type": "shmem"}, {"name": "imp", "type": "import", "of": "bo"}],
    "threads": [{"name": "t1", "ops": [{"call": "panfrost_shrinker_scan"}]}]
  })");
}

Json with_op(Json op) {
  Json doc = base();
  doc["threads"][0]["ops"][0] = std::move(op);
  return doc;
}

std::string locks(const Json& doc) {
  const LoadResult r = load_scenario(doc.dump());
  if (!r.problems.empty()) FAIL(r.problems[0].message.c_str());
  std::string out;
  for (const std::string& l : r.scenario->locks) append(out, " ", l);
  return out;
}

/// Checks `version` of the scenario with shmem objects bo and bo2, an sg table and madv
/// dontneed (through the ioctl) on bo, and the given `threads` as JSON text.
CheckResult check_body(const std::string& version, const std::string& threads) {
  const std::string text = R"({"name": "t", "versions": [")" + version + R"("],
      "objects": [{"name": "bo", "type": "shmem"}, {"name": "bo2", "type": "shmem"}],
      "setup": [{"call": "drm_gem_shmem_get_pages_sgt", "object": "bo"},
                {"call": "panfrost_madvise", "object": "bo", "madv": "dontneed"}],
      "threads": )" + threads +
                           "}";
  return check_text(text);
}

/// The observed lock-order edges, "a -> b, b -> c".
std::string edges(const CheckResult& r) {
  std::string out;
  for (const sched::ObservationSummary& o : r.exploration.observations)
    if (const auto e = model::parse_lock_edge_key(o.key))
      append(out, ", ", e->first + " -> " + e->second);
  return out;
}

constexpr const char* kIoctl = R"({"name": "ioctl", "ops": [
    {"call": "panfrost_madvise", "object": "bo", "madv": "willneed"}]})";

/// The threads array of the given thread objects (JSON text).
std::string array_of(std::initializer_list<const char*> threads) {
  std::string out = "[";
  for (const char* t : threads) {
    if (out.size() > 1) out += ", ";
    out += t;
  }
  out += "]";
  return out;
}

}  // namespace

TEST_GROUP(PanfrostProgram){};

TEST(PanfrostProgram, APanfrostCallCreatesShrinkerLockOnce) {
  STRCMP_EQUAL("shrinker_lock", locks(base()).c_str());
  Json declared = base();
  declared["locks"] = Json::parse(R"([{"name": "a"}, {"name": "shrinker_lock"}])");
  STRCMP_EQUAL("a shrinker_lock", locks(declared).c_str());
  // Inside a handler too; and then mutex_* calls may name it without declaring it.
  const Json nested = with_op(Json::parse(R"({"call": "mutex_trylock", "lock": "shrinker_lock",
      "on": {"false": [{"call": "direct_reclaim"}]}})"));
  STRCMP_EQUAL("shrinker_lock", locks(nested).c_str());
  // Without a panfrost call it is an ordinary undeclared name.
  STRCMP_EQUAL("/threads/0/ops/0/lock: expected a lock declared in /locks, found \"shrinker_lock\"",
               problem(with_op({{"call", "mutex_lock"}, {"lock", "shrinker_lock"}})).c_str());
}

TEST(PanfrostProgram, ArgumentsAndReturnValues) {
  CHECK_TRUE(load_scenario(with_op({{"call", "panfrost_madvise"},
                                    {"object", "bo"},
                                    {"madv", "dontneed"},
                                    {"ret", "-EINTR"}})
                               .dump())
                 .problems.empty());
  CHECK_TRUE(
      load_scenario(with_op({{"call", "direct_reclaim"}, {"ret", 0}}).dump()).problems.empty());
  STRCMP_EQUAL("/threads/0/ops/0/madv: expected \"dontneed\" or \"willneed\", found nothing",
               problem(with_op({{"call", "panfrost_madvise"}, {"object", "bo"}})).c_str());
  STRCMP_EQUAL("/threads/0/ops/0/ret: expected 0 for panfrost_shrinker_scan, found \"-EINTR\"",
               problem(with_op({{"call", "panfrost_shrinker_scan"}, {"ret", "-EINTR"}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected 0 or \"-EINTR\" for panfrost_madvise, found "
      "\"-ENOMEM\"",
      problem(with_op({{"call", "panfrost_madvise"},
                       {"object", "bo"},
                       {"madv", "willneed"},
                       {"ret", "-ENOMEM"}}))
          .c_str());
  const std::string object = problem(with_op({{"call", "direct_reclaim"}, {"object", "bo"}}));
  CHECK_TRUE(object.starts_with("/threads/0/ops/0/object: "));
  // The ioctl looks up any handle, an imported BO's included (no import check in the kernel).
  CHECK_TRUE(
      load_scenario(
          with_op({{"call", "panfrost_madvise"}, {"object", "imp"}, {"madv", "dontneed"}}).dump())
          .problems.empty());
}

// panfrost_madvise(dontneed) on an imported BO: retained and listed, but the scan's
// drm_gem_shmem_is_purgeable rejects imports, so nothing is purged and the exporter keeps its
// pages; freeing the listed import takes it off the list and releases the exporter. Clean.
TEST(PanfrostProgram, AnImportMarkedDontneedIsNeverPurged) {
  for (const char* version : {"v6.4", "v6.5", "v6.10", "v6.16"}) {
    const std::string text = R"({"name": "t", "versions": [")" + std::string(version) + R"("],
        "objects": [{"name": "bo", "type": "shmem"}, {"name": "imp", "type": "import", "of": "bo"}],
        "setup": [{"call": "drm_gem_shmem_get_pages_sgt", "object": "bo"}],
        "threads": [{"name": "t1", "ops": [
          {"call": "panfrost_madvise", "object": "imp", "madv": "dontneed"},
          {"call": "panfrost_shrinker_scan"},
          {"call": "drm_gem_object_put", "object": "imp"}]}],
        "final": {"imp": {"madv": 1, "freed": true}, "bo": {"madv": 0, "has_sgt": true,
                  "pages_use_count": 1, "freed": false}}})";
    STRCMP_EQUAL("", found(check_text(text)).c_str());
  }
}

TEST(PanfrostProgram, TheIoctlsLockOrderPerVersion) {
  const std::string threads = array_of({kIoctl});
  // v6.4: shrinker_lock -> pages_lock (and the setup's allocations under pages_lock).
  const CheckResult v6_4 = check_body("v6.4", threads);
  STRCMP_EQUAL("", found(v6_4).c_str());
  STRCMP_EQUAL("pages_lock -> fs_reclaim, shrinker_lock -> pages_lock", edges(v6_4).c_str());
  for (const char* v : {"v6.5", "v6.10", "v6.16"}) {
    const CheckResult r = check_body(v, threads);
    STRCMP_EQUAL("", found(r).c_str());
    STRCMP_EQUAL(
        "reservation_ww_class_mutex -> fs_reclaim, "
        "reservation_ww_class_mutex -> shrinker_lock",
        edges(r).c_str());
  }
}

TEST(PanfrostProgram, TheScanAgainstTheIoctlIsCleanAndABlockingOneDeadlocks) {
  const std::string scan =
      array_of({kIoctl, R"({"name": "kswapd", "ops": [{"call": "panfrost_shrinker_scan"}]})"});
  // Not panfrost's shrinker: the same locks taken blocking, in the scan's order.
  const std::string blocking = array_of({kIoctl, R"({"name": "kswapd", "ops": [
        {"call": "mutex_lock", "lock": "shrinker_lock"},
        {"call": "dma_resv_lock", "object": "bo"},
        {"call": "dma_resv_unlock", "object": "bo"},
        {"call": "mutex_unlock", "lock": "shrinker_lock"}]})"});
  for (const char* v : {"v6.4", "v6.5", "v6.10", "v6.16"}) {
    const CheckResult r = check_body(v, scan);
    STRCMP_EQUAL("", found(r).c_str());
    CHECK_TRUE(r.status == Status::pass);
  }
  // v6.4's ioctl takes no resv: the blocking scan has nothing to cross.
  STRCMP_EQUAL("", found(check_body("v6.4", blocking)).c_str());
  for (const char* v : {"v6.5", "v6.10", "v6.16"})
    STRCMP_EQUAL("deadlock lock_order", found(check_body(v, blocking)).c_str());
}

TEST(PanfrostProgram, DirectReclaimUnderTheResvSkipsTheObjectFromV6_5) {
  const std::string threads = R"([{"name": "alloc", "ops": [
      {"call": "dma_resv_lock", "object": "bo"},
      {"call": "direct_reclaim"},
      {"call": "dma_resv_unlock", "object": "bo"}]}],
      "final": {"bo": {"madv": 1, "has_sgt": true}})";
  for (const char* v : {"v6.5", "v6.10", "v6.16"})
    STRCMP_EQUAL("", found(check_body(v, threads)).c_str());
  // v6.4's scan tries pages_lock, not the resv: it purges.
  STRCMP_EQUAL("final_state", found(check_body("v6.4", threads)).c_str());
}

}  // namespace resvcheck::scenarios
