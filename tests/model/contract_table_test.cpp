// Each version's lock contract, call by call, against a table written from the domain sheet
// (kernel-facts.md §1): which locks a call takes, which it asserts, how the counters move and
// what it returns. A drift between a version's code and its documented contract fails here.
#include <functional>
#include <string>
#include <vector>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

constexpr const char* kResv = "takes reservation_ww_class_mutex";

struct Row {
  Version version;
  const char* call;
  std::function<void(ShmemObject&)> prepare;  // runs before recording (may be empty)
  bool hold_resv;                             // the caller holds the resv (NULL context)
  std::function<int(ShmemObject&)> run;
  std::vector<std::string> journal;  // what lockdep records during the call
  int ret, use, pin, vmap;           // return value, counter deltas
  const char* kinds;                 // findings
};

struct Observed {
  std::vector<std::string> journal;
  int ret = 0, use = 0, pin = 0, vmap = 0;
};

struct World {
  Kernel kernel;
  DmaResv resv;
  ShmemObject bo;
  explicit World(Version v)
      : kernel(v, {}),
        resv(kernel, "bo.resv", kernel.reservation_class),
        bo(kernel, "bo", resv, nullptr, PinCallback::object_pin) {}
};

int value(const UseCount& c) { return static_cast<int>(c.value()); }

sched::ExplorationResult observe(const Row& row, Observed& out) {
  return sched::explore(
      [&row, &out] {
        World* w = sched::make<World>(row.version);
        sched::spawn("t", [w, &row, &out] {
          ShmemObject& bo = w->bo;
          if (row.prepare) row.prepare(bo);
          if (row.hold_resv) dma_resv_lock(w->resv, nullptr);
          const int use = value(bo.pages_use_count), pin = value(bo.pages_pin_count),
                    vmap = value(bo.vmap_use_count);
          std::vector<std::string> journal;
          w->kernel.lockdep.record_to(&journal);
          const int ret = row.run(bo);
          w->kernel.lockdep.record_to(nullptr);
          out = {journal, ret, value(bo.pages_use_count) - use, value(bo.pages_pin_count) - pin,
                 value(bo.vmap_use_count) - vmap};
          if (row.hold_resv) dma_resv_unlock(w->resv);
        });
      },
      sched::Config{});
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

template <class F>
std::function<int(ShmemObject&)> returns_int(F f) {
  return [f](ShmemObject& o) { return f(o); };
}
template <class F>
std::function<int(ShmemObject&)> void_call(F f) {
  return [f](ShmemObject& o) {
    f(o);
    return 0;
  };
}

const std::vector<Row>& table() {
  static const std::vector<Row> rows = {
      // v6.4: the helper's own mutexes; the resv only where GEM core takes or asserts it.
      {Version::v6_4,
       "drm_gem_shmem_pin",
       {},
       false,
       returns_int(v6_4::drm_gem_shmem_pin),
       {"takes pages_lock"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_4,
       "drm_gem_shmem_vmap",
       {},
       false,
       returns_int(v6_4::drm_gem_shmem_vmap),
       {"takes vmap_lock", "takes pages_lock"},
       0,
       1,
       0,
       1,
       ""},
      {Version::v6_4,
       "drm_gem_shmem_get_pages_sgt",
       {},
       false,
       returns_int(v6_4::drm_gem_shmem_get_pages_sgt),
       {"takes pages_lock"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_4,
       "drm_gem_vmap_unlocked",
       {},
       false,
       returns_int(v6_4::drm_gem_vmap_unlocked),
       {kResv, "asserts drm_gem_vmap", "takes vmap_lock", "takes pages_lock"},
       0,
       1,
       0,
       1,
       ""},
      {Version::v6_4,
       "drm_gem_pin",
       {},
       false,
       returns_int(v6_4::drm_gem_pin),
       {"takes pages_lock"},
       0,
       1,
       0,
       0,
       ""},
      // v6.5: the resv with a NULL context; the renamed functions assert it.
      {Version::v6_5,
       "drm_gem_shmem_pin",
       {},
       false,
       returns_int(v6_5::drm_gem_shmem_pin),
       {kResv, "asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_5,
       "drm_gem_shmem_vmap (resv held)",
       {},
       true,
       returns_int(v6_5::drm_gem_shmem_vmap),
       {"asserts drm_gem_shmem_vmap", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       1,
       ""},
      {Version::v6_5,
       "drm_gem_shmem_vmap (resv not held)",
       {},
       false,
       returns_int(v6_5::drm_gem_shmem_vmap),
       {"asserts drm_gem_shmem_vmap", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       1,
       "assert_held"},
      {Version::v6_5,
       "drm_gem_shmem_get_pages_sgt",
       {},
       false,
       returns_int(v6_5::drm_gem_shmem_get_pages_sgt),
       {kResv, "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_5,
       "drm_gem_shmem_put_pages (resv held)",
       [](ShmemObject& o) { v6_5::drm_gem_shmem_pin(o); },
       true,
       void_call(v6_5::drm_gem_shmem_put_pages),
       {"asserts drm_gem_shmem_put_pages"},
       0,
       -1,
       0,
       0,
       ""},
      {Version::v6_5,
       "drm_gem_pin",
       {},
       false,
       returns_int(v6_5::drm_gem_pin),
       {kResv, "asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       0,
       ""},
      // v6.10: pin_locked exported; drm_gem_pin takes the resv; COW mappings refused.
      {Version::v6_10,
       "drm_gem_shmem_pin_locked (resv held)",
       {},
       true,
       returns_int(v6_10::drm_gem_shmem_pin_locked),
       {"asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_10,
       "drm_gem_pin",
       {},
       false,
       returns_int(v6_10::drm_gem_pin),
       {kResv, "asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages"},
       0,
       1,
       0,
       0,
       ""},
      {Version::v6_10,
       "drm_gem_shmem_mmap (private)",
       {},
       false,
       [](ShmemObject& o) { return v6_10::drm_gem_shmem_mmap(o, Mapping::private_); },
       {},
       kEINVAL,
       0,
       0,
       0,
       ""},
      // v6.16: _locked names, the pin count, the lockless fast path, vmap holds a pin.
      {Version::v6_16,
       "drm_gem_shmem_pin",
       {},
       false,
       returns_int(v6_16::drm_gem_shmem_pin),
       {kResv, "asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages_locked"},
       0,
       1,
       1,
       0,
       ""},
      {Version::v6_16,
       "drm_gem_shmem_pin (already pinned: fast path)",
       [](ShmemObject& o) { v6_16::drm_gem_shmem_pin(o); },
       false,
       returns_int(v6_16::drm_gem_shmem_pin),
       {},
       0,
       0,
       1,
       0,
       ""},
      {Version::v6_16,
       "drm_gem_shmem_vmap_locked (resv held)",
       {},
       true,
       returns_int(v6_16::drm_gem_shmem_vmap_locked),
       {"asserts drm_gem_shmem_vmap_locked", "asserts drm_gem_shmem_pin_locked",
        "asserts drm_gem_shmem_get_pages_locked"},
       0,
       1,
       1,
       1,
       ""},
      {Version::v6_16,
       "drm_gem_vmap",
       {},
       false,
       returns_int(v6_16::drm_gem_vmap),
       {kResv, "asserts drm_gem_vmap_locked", "asserts drm_gem_shmem_vmap_locked",
        "asserts drm_gem_shmem_pin_locked", "asserts drm_gem_shmem_get_pages_locked"},
       0,
       1,
       1,
       1,
       ""},
  };
  return rows;
}

}  // namespace

TEST_GROUP(ContractTable){};

TEST(ContractTable, EveryRowMatchesTheModel) {
  for (const Row& row : table()) {
    Observed got;
    const sched::ExplorationResult r = observe(row, got);
    const std::string where = std::string(version_name(row.version)) + " " + row.call;
    STRCMP_EQUAL_TEXT(row.kinds, kinds(r).c_str(), where.c_str());
    STRCMP_EQUAL_TEXT(joined(row.journal).c_str(), joined(got.journal).c_str(), where.c_str());
    LONGS_EQUAL_TEXT(row.ret, got.ret, where.c_str());
    LONGS_EQUAL_TEXT(row.use, got.use, where.c_str());
    LONGS_EQUAL_TEXT(row.pin, got.pin, where.c_str());
    LONGS_EQUAL_TEXT(row.vmap, got.vmap, where.c_str());
  }
}

}  // namespace resvcheck::model
