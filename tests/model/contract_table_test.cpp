// Each version's lock contract, call by call, against a table written from the domain sheet
// (../shared/domain/kernel-facts.md §1, function tables per version) over the call list of
// ../shared/spec/scenario-format.md (the shmem-helper and GEM-core groups): which locks a call
// takes, which it asserts, how the counters move, what it returns and what it reports. Every
// call has a row for every version; a call a version does not export has a not_exported row.
// The rows are the documented contract, not a copy of what the model prints (`resvcheck
// versions`): a drift between a version's code and its documented contract fails here.
//
// Not-exported rows: which calls a version exports is decided by the scenario layer
// (scenarios/helper_calls.cpp), which this suite does not link; the model only has the
// functions a version has (plus the statics its own callers use). Those rows are checked for
// coverage and consistency only, not run.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/dma_resv.h"
#include "model/errno.h"
#include "model/helper_v6_10.h"
#include "model/helper_v6_16.h"
#include "model/helper_v6_4.h"
#include "model/helper_v6_5.h"
#include "model/kernel.h"
#include "model/mutex.h"
#include "model/shmem_object.h"
#include "model/version.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"
#include "tests/model/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::model {
namespace {

constexpr Version V4 = Version::v6_4, V5 = Version::v6_5, V10 = Version::v6_10,
                  V16 = Version::v6_16;
constexpr int kDontneed = 1;  // the madv argument of the madvise rows
constexpr int kTrue = 1;      // a bool return

// The call list's shmem-helper and GEM-core groups (scenario-format.md, "Ops").
constexpr std::string_view kCalls[] = {
    "drm_gem_shmem_get_pages",
    "drm_gem_shmem_put_pages",
    "drm_gem_shmem_put_pages_locked",
    "drm_gem_shmem_pin",
    "drm_gem_shmem_unpin",
    "drm_gem_shmem_pin_locked",
    "drm_gem_shmem_unpin_locked",
    "drm_gem_shmem_vmap",
    "drm_gem_shmem_vunmap",
    "drm_gem_shmem_vmap_locked",
    "drm_gem_shmem_vunmap_locked",
    "drm_gem_shmem_madvise",
    "drm_gem_shmem_madvise_locked",
    "drm_gem_shmem_purge",
    "drm_gem_shmem_purge_locked",
    "drm_gem_shmem_get_sg_table",
    "drm_gem_shmem_get_pages_sgt",
    "drm_gem_shmem_mmap",
    "drm_gem_shmem_vm_open",
    "drm_gem_shmem_vm_close",
    "drm_gem_shmem_fault",
    "drm_gem_pin",
    "drm_gem_unpin",
    "drm_gem_vmap",
    "drm_gem_vunmap",
    "drm_gem_vmap_unlocked",
    "drm_gem_vunmap_unlocked",
    "drm_gem_vmap_locked",
    "drm_gem_vunmap_locked",
    "drm_gem_object_put",
};

using Fn = int (*)(ShmemObject&);

// What the calling thread holds around the call (taken after `prepare`, with a NULL context).
enum Hold : uint8_t {
  no_lock,
  holds_resv,        // the *_locked contracts (and v6.5's renamed ones): the caller holds the resv
  holds_pages_lock,  // v6.4's drm_gem_shmem_purge_locked: the caller holds pages_lock
};

struct Delta {
  int use = 0, pin = 0, vmap = 0;  // pages_use_count, pages_pin_count, vmap_use_count
};

// One call in one version, run alone on a fresh native object (no pages, counters 0, madv 0).
//
// `journal` is what lockdep records during the call, in order, as space-separated tokens:
//   +R      takes the resv (lock class reservation_ww_class_mutex)
//   +x      takes the mutex of class x (v6.4's pages_lock, vmap_lock)
//   ?f      asserts the resv is held, in function f; a name not starting with "drm_" stands for
//           drm_gem_shmem_<name> (?pin_locked = asserts drm_gem_shmem_pin_locked)
struct Row {
  Version version;
  const char* call;  // a name of kCalls; "name (variant)" for an extra row
  Fn prepare;        // brings the object to the state the call's documented use needs (or nullptr)
  Hold hold;
  Fn run;  // the version's function; nullptr when the version does not export it
  const char* journal;
  int ret;  // 0 for a void call, 1/0 for a bool one
  Delta delta;
  const char* kinds;  // findings over the whole execution, prepare included
};

Row row(Version v, const char* call, Fn prepare, Hold hold, Fn run, const char* journal,
        int ret = 0, Delta delta = {}, const char* kinds = "") {
  return {v, call, prepare, hold, run, journal, ret, delta, kinds};
}

Row not_exported(Version v, const char* call) {
  return {v, call, nullptr, no_lock, nullptr, "", 0, {}, "not_exported"};
}

// ---- adapters: a version's function as an Fn

template <auto F>
int call(ShmemObject& o) {
  if constexpr (std::is_void_v<decltype(F(o))>) {
    F(o);
    return 0;
  } else {
    return static_cast<int>(F(o));
  }
}
template <auto F>
int shared(ShmemObject& o) {
  return F(o, Mapping::shared);
}
template <auto F>
int private_(ShmemObject& o) {
  return F(o, Mapping::private_);
}
template <auto F>
int dontneed(ShmemObject& o) {
  return static_cast<int>(F(o, kDontneed));
}

// ---- prepare steps, each through the version's own self-locking calls

template <Version V>
int pinned(ShmemObject& o) {
  if constexpr (V == V4)
    return v6_4::drm_gem_shmem_pin(o);
  else if constexpr (V == V5)
    return v6_5::drm_gem_shmem_pin(o);
  else if constexpr (V == V10)
    return v6_10::drm_gem_shmem_pin(o);
  else
    return v6_16::drm_gem_shmem_pin(o);
}

template <Version V>
int pinned_twice(ShmemObject& o) {
  pinned<V>(o);
  return pinned<V>(o);
}

// A kernel mapping taken through GEM core's self-locking vmap.
template <Version V>
int vmapped(ShmemObject& o) {
  if constexpr (V == V4)
    return v6_4::drm_gem_vmap_unlocked(o);
  else if constexpr (V == V5)
    return v6_5::drm_gem_vmap_unlocked(o);
  else if constexpr (V == V10)
    return v6_10::drm_gem_vmap_unlocked(o);
  else
    return v6_16::drm_gem_vmap(o);
}

// A shared user mapping (one pages reference, one GEM reference).
template <Version V>
int mapped(ShmemObject& o) {
  if constexpr (V == V4)
    return v6_4::drm_gem_shmem_mmap(o, Mapping::shared);
  else if constexpr (V == V5)
    return v6_5::drm_gem_shmem_mmap(o, Mapping::shared);
  else if constexpr (V == V10)
    return v6_10::drm_gem_shmem_mmap(o, Mapping::shared);
  else
    return v6_16::drm_gem_shmem_mmap(o, Mapping::shared);
}

// A cached sg table (one pages reference).
template <Version V>
int with_sgt(ShmemObject& o) {
  if constexpr (V == V4)
    return v6_4::drm_gem_shmem_get_pages_sgt(o);
  else if constexpr (V == V5)
    return v6_5::drm_gem_shmem_get_pages_sgt(o);
  else if constexpr (V == V10)
    return v6_10::drm_gem_shmem_get_pages_sgt(o);
  else
    return v6_16::drm_gem_shmem_get_pages_sgt(o);
}

// An sg table and madvise(DONTNEED) with the version's locking: drm_gem_shmem_is_purgeable.
template <Version V>
int purgeable(ShmemObject& o) {
  with_sgt<V>(o);
  if constexpr (V == V4) return v6_4::drm_gem_shmem_madvise(o, kDontneed);
  dma_resv_lock(o.resv(), nullptr);
  if constexpr (V == V5) v6_5::drm_gem_shmem_madvise(o, kDontneed);
  if constexpr (V == V10) v6_10::drm_gem_shmem_madvise(o, kDontneed);
  if constexpr (V == V16) v6_16::drm_gem_shmem_madvise_locked(o, kDontneed);
  dma_resv_unlock(o.resv());
  return 0;
}

// v6.4's exported get_pages (a pages reference under pages_lock).
int with_pages_v6_4(ShmemObject& o) { return v6_4::drm_gem_shmem_get_pages(o); }

// drm_gem_object_put of the scenario's reference (the object's only one unless mapped): the last
// put runs the version's free path (free_path below).
int drm_gem_object_put_of(ShmemObject& o) {
  drm_gem_object_put(o.gem);
  return 0;
}

const std::vector<Row>& table() {
  static const std::vector<Row> rows = {
      // drm_gem_shmem_get_pages: exported in v6.4 (takes pages_lock, §1.1); static from v6.5
      // (§1.2); v6.16 has the static get_pages_locked only (§1.4).
      row(V4, "drm_gem_shmem_get_pages", nullptr, no_lock, call<v6_4::drm_gem_shmem_get_pages>,
          "+pages_lock", 0, {1, 0, 0}),
      not_exported(V5, "drm_gem_shmem_get_pages"),
      not_exported(V10, "drm_gem_shmem_get_pages"),
      not_exported(V16, "drm_gem_shmem_get_pages"),

      // drm_gem_shmem_put_pages: self-locking in v6.4; from v6.5 the same name asserts the resv
      // (§1.2, Boris's point 1); renamed put_pages_locked in v6.16 (§1.4).
      row(V4, "drm_gem_shmem_put_pages", with_pages_v6_4, no_lock,
          call<v6_4::drm_gem_shmem_put_pages>, "+pages_lock", 0, {-1, 0, 0}),
      row(V5, "drm_gem_shmem_put_pages", pinned<V5>, holds_resv,
          call<v6_5::drm_gem_shmem_put_pages>, "?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_shmem_put_pages", pinned<V10>, holds_resv,
          call<v6_10::drm_gem_shmem_put_pages>, "?put_pages", 0, {-1, 0, 0}),
      not_exported(V16, "drm_gem_shmem_put_pages"),

      // drm_gem_shmem_put_pages_locked: static in v6.4 (§1.1), absent in v6.5/v6.10, GPL in
      // v6.16 (§1.4).
      not_exported(V4, "drm_gem_shmem_put_pages_locked"),
      not_exported(V5, "drm_gem_shmem_put_pages_locked"),
      not_exported(V10, "drm_gem_shmem_put_pages_locked"),
      row(V16, "drm_gem_shmem_put_pages_locked", mapped<V16>, holds_resv,
          call<v6_16::drm_gem_shmem_put_pages_locked>, "?put_pages_locked", 0, {-1, 0, 0}),

      // drm_gem_shmem_pin: pages_lock (§1.1); the resv, NULL context, then pin_locked and
      // get_pages asserting it (§1.2, §1.3); v6.16 adds the pin count and the fast path (§1.4).
      row(V4, "drm_gem_shmem_pin", nullptr, no_lock, call<v6_4::drm_gem_shmem_pin>, "+pages_lock",
          0, {1, 0, 0}),
      row(V5, "drm_gem_shmem_pin", nullptr, no_lock, call<v6_5::drm_gem_shmem_pin>,
          "+R ?pin_locked ?get_pages", 0, {1, 0, 0}),
      row(V10, "drm_gem_shmem_pin", nullptr, no_lock, call<v6_10::drm_gem_shmem_pin>,
          "+R ?pin_locked ?get_pages", 0, {1, 0, 0}),
      row(V16, "drm_gem_shmem_pin", nullptr, no_lock, call<v6_16::drm_gem_shmem_pin>,
          "+R ?pin_locked ?get_pages_locked", 0, {1, 1, 0}),
      row(V16, "drm_gem_shmem_pin (already pinned: fast path)", pinned<V16>, no_lock,
          call<v6_16::drm_gem_shmem_pin>, "", 0, {0, 1, 0}),

      // drm_gem_shmem_unpin: through put_pages (§1.1); the resv, then unpin_locked and put_pages
      // (§1.2, unchanged in §1.3); v6.16: the last pin takes the resv, others the fast path.
      row(V4, "drm_gem_shmem_unpin", pinned<V4>, no_lock, call<v6_4::drm_gem_shmem_unpin>,
          "+pages_lock", 0, {-1, 0, 0}),
      row(V5, "drm_gem_shmem_unpin", pinned<V5>, no_lock, call<v6_5::drm_gem_shmem_unpin>,
          "+R ?unpin_locked ?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_shmem_unpin", pinned<V10>, no_lock, call<v6_10::drm_gem_shmem_unpin>,
          "+R ?unpin_locked ?put_pages", 0, {-1, 0, 0}),
      row(V16, "drm_gem_shmem_unpin", pinned<V16>, no_lock, call<v6_16::drm_gem_shmem_unpin>,
          "+R ?unpin_locked ?put_pages_locked", 0, {-1, -1, 0}),
      row(V16, "drm_gem_shmem_unpin (pinned twice: fast path)", pinned_twice<V16>, no_lock,
          call<v6_16::drm_gem_shmem_unpin>, "", 0, {0, -1, 0}),

      // drm_gem_shmem_pin_locked: absent in v6.4, static in v6.5 (§1.2), exported from v6.10
      // (§1.3, §1.4).
      not_exported(V4, "drm_gem_shmem_pin_locked"),
      not_exported(V5, "drm_gem_shmem_pin_locked"),
      row(V10, "drm_gem_shmem_pin_locked", nullptr, holds_resv,
          call<v6_10::drm_gem_shmem_pin_locked>, "?pin_locked ?get_pages", 0, {1, 0, 0}),
      row(V16, "drm_gem_shmem_pin_locked", nullptr, holds_resv,
          call<v6_16::drm_gem_shmem_pin_locked>, "?pin_locked ?get_pages_locked", 0, {1, 1, 0}),

      // drm_gem_shmem_unpin_locked: as pin_locked.
      not_exported(V4, "drm_gem_shmem_unpin_locked"),
      not_exported(V5, "drm_gem_shmem_unpin_locked"),
      row(V10, "drm_gem_shmem_unpin_locked", pinned<V10>, holds_resv,
          call<v6_10::drm_gem_shmem_unpin_locked>, "?unpin_locked ?put_pages", 0, {-1, 0, 0}),
      row(V16, "drm_gem_shmem_unpin_locked", pinned<V16>, holds_resv,
          call<v6_16::drm_gem_shmem_unpin_locked>, "?unpin_locked ?put_pages_locked", 0,
          {-1, -1, 0}),

      // drm_gem_shmem_vmap: vmap_lock then pages_lock (§1.1); from v6.5 the same name requires
      // the resv (§1.2, §1.3); v6.16: CONFIG_KUNIT only (scenario-format.md).
      row(V4, "drm_gem_shmem_vmap", nullptr, no_lock, call<v6_4::drm_gem_shmem_vmap>,
          "+vmap_lock +pages_lock", 0, {1, 0, 1}),
      row(V5, "drm_gem_shmem_vmap", nullptr, holds_resv, call<v6_5::drm_gem_shmem_vmap>,
          "?vmap ?get_pages", 0, {1, 0, 1}),
      row(V5, "drm_gem_shmem_vmap (resv not held)", nullptr, no_lock,
          call<v6_5::drm_gem_shmem_vmap>, "?vmap ?get_pages", 0, {1, 0, 1}, "assert_held"),
      row(V10, "drm_gem_shmem_vmap", nullptr, holds_resv, call<v6_10::drm_gem_shmem_vmap>,
          "?vmap ?get_pages", 0, {1, 0, 1}),
      not_exported(V16, "drm_gem_shmem_vmap"),

      // drm_gem_shmem_vunmap: the last unmap drops the pages reference.
      row(V4, "drm_gem_shmem_vunmap", vmapped<V4>, no_lock, call<v6_4::drm_gem_shmem_vunmap>,
          "+vmap_lock +pages_lock", 0, {-1, 0, -1}),
      row(V5, "drm_gem_shmem_vunmap", vmapped<V5>, holds_resv, call<v6_5::drm_gem_shmem_vunmap>,
          "?vunmap ?put_pages", 0, {-1, 0, -1}),
      row(V10, "drm_gem_shmem_vunmap", vmapped<V10>, holds_resv, call<v6_10::drm_gem_shmem_vunmap>,
          "?vunmap ?put_pages", 0, {-1, 0, -1}),
      not_exported(V16, "drm_gem_shmem_vunmap"),

      // drm_gem_shmem_vmap_locked: static in v6.4 (§1.1), absent in v6.5/v6.10, GPL in v6.16
      // where a vmap holds a pin (§1.4).
      not_exported(V4, "drm_gem_shmem_vmap_locked"),
      not_exported(V5, "drm_gem_shmem_vmap_locked"),
      not_exported(V10, "drm_gem_shmem_vmap_locked"),
      row(V16, "drm_gem_shmem_vmap_locked", nullptr, holds_resv,
          call<v6_16::drm_gem_shmem_vmap_locked>, "?vmap_locked ?pin_locked ?get_pages_locked", 0,
          {1, 1, 1}),

      // drm_gem_shmem_vunmap_locked: the last unmap unpins, which puts the pages.
      not_exported(V4, "drm_gem_shmem_vunmap_locked"),
      not_exported(V5, "drm_gem_shmem_vunmap_locked"),
      not_exported(V10, "drm_gem_shmem_vunmap_locked"),
      row(V16, "drm_gem_shmem_vunmap_locked", vmapped<V16>, holds_resv,
          call<v6_16::drm_gem_shmem_vunmap_locked>,
          "?vunmap_locked ?unpin_locked ?put_pages_locked", 0, {-1, -1, -1}),

      // drm_gem_shmem_madvise(DONTNEED): returns "not purged". pages_lock (§1.1); requires the
      // resv (§1.2, §1.3); v6.16: CONFIG_KUNIT only.
      row(V4, "drm_gem_shmem_madvise", nullptr, no_lock, dontneed<v6_4::drm_gem_shmem_madvise>,
          "+pages_lock", kTrue),
      row(V5, "drm_gem_shmem_madvise", nullptr, holds_resv, dontneed<v6_5::drm_gem_shmem_madvise>,
          "?madvise", kTrue),
      row(V10, "drm_gem_shmem_madvise", nullptr, holds_resv, dontneed<v6_10::drm_gem_shmem_madvise>,
          "?madvise", kTrue),
      not_exported(V16, "drm_gem_shmem_madvise"),

      // drm_gem_shmem_madvise_locked: v6.16 only (§1.4).
      not_exported(V4, "drm_gem_shmem_madvise_locked"),
      not_exported(V5, "drm_gem_shmem_madvise_locked"),
      not_exported(V10, "drm_gem_shmem_madvise_locked"),
      row(V16, "drm_gem_shmem_madvise_locked", nullptr, holds_resv,
          dontneed<v6_16::drm_gem_shmem_madvise_locked>, "?madvise_locked", kTrue),

      // drm_gem_shmem_purge of a purgeable object (sg table, DONTNEED): v6.4 trylocks
      // pages_lock and returns true (§1.1); v6.5/v6.10 require the resv (§1.2); renamed
      // purge_locked in v6.16 (§1.4). The sg table's pages reference goes.
      row(V4, "drm_gem_shmem_purge", purgeable<V4>, no_lock, call<v6_4::drm_gem_shmem_purge>,
          "+pages_lock", kTrue, {-1, 0, 0}),
      row(V5, "drm_gem_shmem_purge", purgeable<V5>, holds_resv, call<v6_5::drm_gem_shmem_purge>,
          "?purge ?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_shmem_purge", purgeable<V10>, holds_resv, call<v6_10::drm_gem_shmem_purge>,
          "?purge ?put_pages", 0, {-1, 0, 0}),
      not_exported(V16, "drm_gem_shmem_purge"),

      // drm_gem_shmem_purge_locked: v6.4's caller holds pages_lock, nothing asserts it (§1.1);
      // folded into purge in v6.5 (§1.2); v6.16 asserts the resv (§1.4).
      row(V4, "drm_gem_shmem_purge_locked", purgeable<V4>, holds_pages_lock,
          call<v6_4::drm_gem_shmem_purge_locked>, "", 0, {-1, 0, 0}),
      not_exported(V5, "drm_gem_shmem_purge_locked"),
      not_exported(V10, "drm_gem_shmem_purge_locked"),
      row(V16, "drm_gem_shmem_purge_locked", purgeable<V16>, holds_resv,
          call<v6_16::drm_gem_shmem_purge_locked>, "?purge_locked ?put_pages_locked", 0,
          {-1, 0, 0}),

      // drm_gem_shmem_get_sg_table: no lock, builds the table from the pinned pages (§1.1, §2.3).
      row(V4, "drm_gem_shmem_get_sg_table", pinned<V4>, no_lock,
          call<v6_4::drm_gem_shmem_get_sg_table>, ""),
      row(V5, "drm_gem_shmem_get_sg_table", pinned<V5>, no_lock,
          call<v6_5::drm_gem_shmem_get_sg_table>, ""),
      row(V10, "drm_gem_shmem_get_sg_table", pinned<V10>, no_lock,
          call<v6_10::drm_gem_shmem_get_sg_table>, ""),
      row(V16, "drm_gem_shmem_get_sg_table", pinned<V16>, no_lock,
          call<v6_16::drm_gem_shmem_get_sg_table>, ""),

      // drm_gem_shmem_get_pages_sgt: pages_lock (§1.1); the resv, interruptible, NULL context,
      // get_pages asserting it (§1.2, §1.4). One pages reference for the cached table.
      row(V4, "drm_gem_shmem_get_pages_sgt", nullptr, no_lock,
          call<v6_4::drm_gem_shmem_get_pages_sgt>, "+pages_lock", 0, {1, 0, 0}),
      row(V5, "drm_gem_shmem_get_pages_sgt", nullptr, no_lock,
          call<v6_5::drm_gem_shmem_get_pages_sgt>, "+R ?get_pages", 0, {1, 0, 0}),
      row(V10, "drm_gem_shmem_get_pages_sgt", nullptr, no_lock,
          call<v6_10::drm_gem_shmem_get_pages_sgt>, "+R ?get_pages", 0, {1, 0, 0}),
      row(V16, "drm_gem_shmem_get_pages_sgt", nullptr, no_lock,
          call<v6_16::drm_gem_shmem_get_pages_sgt>, "+R ?get_pages_locked", 0, {1, 0, 0}),

      // drm_gem_shmem_mmap (shared): get_pages under pages_lock (§1.1) or the resv (§1.2,
      // §1.4): a pages reference, not a pin. A COW mapping: no check before v6.10, -EINVAL
      // before any lock from v6.10 (§1.3, 39bc27bd6880).
      row(V4, "drm_gem_shmem_mmap", nullptr, no_lock, shared<v6_4::drm_gem_shmem_mmap>,
          "+pages_lock", 0, {1, 0, 0}),
      row(V5, "drm_gem_shmem_mmap", nullptr, no_lock, shared<v6_5::drm_gem_shmem_mmap>,
          "+R ?get_pages", 0, {1, 0, 0}),
      row(V5, "drm_gem_shmem_mmap (private: no COW check)", nullptr, no_lock,
          private_<v6_5::drm_gem_shmem_mmap>, "+R ?get_pages", 0, {1, 0, 0}),
      row(V10, "drm_gem_shmem_mmap", nullptr, no_lock, shared<v6_10::drm_gem_shmem_mmap>,
          "+R ?get_pages", 0, {1, 0, 0}),
      row(V10, "drm_gem_shmem_mmap (private)", nullptr, no_lock,
          private_<v6_10::drm_gem_shmem_mmap>, "", kEINVAL),
      row(V16, "drm_gem_shmem_mmap", nullptr, no_lock, shared<v6_16::drm_gem_shmem_mmap>,
          "+R ?get_pages_locked", 0, {1, 0, 0}),
      row(V16, "drm_gem_shmem_mmap (private)", nullptr, no_lock,
          private_<v6_16::drm_gem_shmem_mmap>, "", kEINVAL),

      // drm_gem_shmem_vm_open (fork of a mapping): pages_lock (§1.1), the resv (§1.2, §1.4).
      row(V4, "drm_gem_shmem_vm_open", mapped<V4>, no_lock, call<v6_4::drm_gem_shmem_vm_open>,
          "+pages_lock", 0, {1, 0, 0}),
      row(V5, "drm_gem_shmem_vm_open", mapped<V5>, no_lock, call<v6_5::drm_gem_shmem_vm_open>, "+R",
          0, {1, 0, 0}),
      row(V10, "drm_gem_shmem_vm_open", mapped<V10>, no_lock, call<v6_10::drm_gem_shmem_vm_open>,
          "+R", 0, {1, 0, 0}),
      row(V16, "drm_gem_shmem_vm_open", mapped<V16>, no_lock, call<v6_16::drm_gem_shmem_vm_open>,
          "+R", 0, {1, 0, 0}),

      // drm_gem_shmem_vm_close: put_pages (pages_lock, §1.1), the resv around put_pages (§1.2,
      // §1.4).
      row(V4, "drm_gem_shmem_vm_close", mapped<V4>, no_lock, call<v6_4::drm_gem_shmem_vm_close>,
          "+pages_lock", 0, {-1, 0, 0}),
      row(V5, "drm_gem_shmem_vm_close", mapped<V5>, no_lock, call<v6_5::drm_gem_shmem_vm_close>,
          "+R ?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_shmem_vm_close", mapped<V10>, no_lock, call<v6_10::drm_gem_shmem_vm_close>,
          "+R ?put_pages", 0, {-1, 0, 0}),
      row(V16, "drm_gem_shmem_vm_close", mapped<V16>, no_lock, call<v6_16::drm_gem_shmem_vm_close>,
          "+R ?put_pages_locked", 0, {-1, 0, 0}),

      // drm_gem_shmem_fault on a mapped object: pages_lock (§1.1), the resv (§1.2, §1.4).
      row(V4, "drm_gem_shmem_fault", mapped<V4>, no_lock, call<v6_4::drm_gem_shmem_fault>,
          "+pages_lock"),
      row(V5, "drm_gem_shmem_fault", mapped<V5>, no_lock, call<v6_5::drm_gem_shmem_fault>, "+R"),
      row(V10, "drm_gem_shmem_fault", mapped<V10>, no_lock, call<v6_10::drm_gem_shmem_fault>, "+R"),
      row(V16, "drm_gem_shmem_fault", mapped<V16>, no_lock, call<v6_16::drm_gem_shmem_fault>, "+R"),

      // drm_gem_pin: no resv before v6.10, funcs->pin is the self-locking pin (§1.1, §1.2);
      // from v6.10 GEM core takes the resv and funcs->pin is pin_locked (§1.3, §1.4).
      row(V4, "drm_gem_pin", nullptr, no_lock, call<v6_4::drm_gem_pin>, "+pages_lock", 0,
          {1, 0, 0}),
      row(V5, "drm_gem_pin", nullptr, no_lock, call<v6_5::drm_gem_pin>, "+R ?pin_locked ?get_pages",
          0, {1, 0, 0}),
      row(V10, "drm_gem_pin", nullptr, no_lock, call<v6_10::drm_gem_pin>,
          "+R ?pin_locked ?get_pages", 0, {1, 0, 0}),
      row(V16, "drm_gem_pin", nullptr, no_lock, call<v6_16::drm_gem_pin>,
          "+R ?pin_locked ?get_pages_locked", 0, {1, 1, 0}),

      // drm_gem_unpin: the mirror of drm_gem_pin.
      row(V4, "drm_gem_unpin", pinned<V4>, no_lock, call<v6_4::drm_gem_unpin>, "+pages_lock", 0,
          {-1, 0, 0}),
      row(V5, "drm_gem_unpin", pinned<V5>, no_lock, call<v6_5::drm_gem_unpin>,
          "+R ?unpin_locked ?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_unpin", pinned<V10>, no_lock, call<v6_10::drm_gem_unpin>,
          "+R ?unpin_locked ?put_pages", 0, {-1, 0, 0}),
      row(V16, "drm_gem_unpin", pinned<V16>, no_lock, call<v6_16::drm_gem_unpin>,
          "+R ?unpin_locked ?put_pages_locked", 0, {-1, -1, 0}),

      // drm_gem_vmap: asserts the resv (from v6.2), then funcs->vmap (§1.1, §1.2, §1.3); in
      // v6.16 the name takes the resv around drm_gem_vmap_locked (§1.4, 8f5c4871a014).
      row(V4, "drm_gem_vmap", nullptr, holds_resv, call<v6_4::drm_gem_vmap>,
          "?drm_gem_vmap +vmap_lock +pages_lock", 0, {1, 0, 1}),
      row(V5, "drm_gem_vmap", nullptr, holds_resv, call<v6_5::drm_gem_vmap>,
          "?drm_gem_vmap ?vmap ?get_pages", 0, {1, 0, 1}),
      row(V10, "drm_gem_vmap", nullptr, holds_resv, call<v6_10::drm_gem_vmap>,
          "?drm_gem_vmap ?vmap ?get_pages", 0, {1, 0, 1}),
      row(V16, "drm_gem_vmap", nullptr, no_lock, call<v6_16::drm_gem_vmap>,
          "+R ?drm_gem_vmap_locked ?vmap_locked ?pin_locked ?get_pages_locked", 0, {1, 1, 1}),

      // drm_gem_vunmap: the mirror of drm_gem_vmap.
      row(V4, "drm_gem_vunmap", vmapped<V4>, holds_resv, call<v6_4::drm_gem_vunmap>,
          "?drm_gem_vunmap +vmap_lock +pages_lock", 0, {-1, 0, -1}),
      row(V5, "drm_gem_vunmap", vmapped<V5>, holds_resv, call<v6_5::drm_gem_vunmap>,
          "?drm_gem_vunmap ?vunmap ?put_pages", 0, {-1, 0, -1}),
      row(V10, "drm_gem_vunmap", vmapped<V10>, holds_resv, call<v6_10::drm_gem_vunmap>,
          "?drm_gem_vunmap ?vunmap ?put_pages", 0, {-1, 0, -1}),
      row(V16, "drm_gem_vunmap", vmapped<V16>, no_lock, call<v6_16::drm_gem_vunmap>,
          "+R ?drm_gem_vunmap_locked ?vunmap_locked ?unpin_locked ?put_pages_locked", 0,
          {-1, -1, -1}),

      // drm_gem_vmap_unlocked: takes the resv around drm_gem_vmap; renamed drm_gem_vmap in
      // v6.16 (§1.3, §6 8f5c4871a014).
      row(V4, "drm_gem_vmap_unlocked", nullptr, no_lock, call<v6_4::drm_gem_vmap_unlocked>,
          "+R ?drm_gem_vmap +vmap_lock +pages_lock", 0, {1, 0, 1}),
      row(V5, "drm_gem_vmap_unlocked", nullptr, no_lock, call<v6_5::drm_gem_vmap_unlocked>,
          "+R ?drm_gem_vmap ?vmap ?get_pages", 0, {1, 0, 1}),
      row(V10, "drm_gem_vmap_unlocked", nullptr, no_lock, call<v6_10::drm_gem_vmap_unlocked>,
          "+R ?drm_gem_vmap ?vmap ?get_pages", 0, {1, 0, 1}),
      not_exported(V16, "drm_gem_vmap_unlocked"),

      // drm_gem_vunmap_unlocked: the mirror of drm_gem_vmap_unlocked.
      row(V4, "drm_gem_vunmap_unlocked", vmapped<V4>, no_lock, call<v6_4::drm_gem_vunmap_unlocked>,
          "+R ?drm_gem_vunmap +vmap_lock +pages_lock", 0, {-1, 0, -1}),
      row(V5, "drm_gem_vunmap_unlocked", vmapped<V5>, no_lock, call<v6_5::drm_gem_vunmap_unlocked>,
          "+R ?drm_gem_vunmap ?vunmap ?put_pages", 0, {-1, 0, -1}),
      row(V10, "drm_gem_vunmap_unlocked", vmapped<V10>, no_lock,
          call<v6_10::drm_gem_vunmap_unlocked>, "+R ?drm_gem_vunmap ?vunmap ?put_pages", 0,
          {-1, 0, -1}),
      not_exported(V16, "drm_gem_vunmap_unlocked"),

      // drm_gem_vmap_locked: v6.16 only (§1.4): asserts the resv, then funcs->vmap.
      not_exported(V4, "drm_gem_vmap_locked"),
      not_exported(V5, "drm_gem_vmap_locked"),
      not_exported(V10, "drm_gem_vmap_locked"),
      row(V16, "drm_gem_vmap_locked", nullptr, holds_resv, call<v6_16::drm_gem_vmap_locked>,
          "?drm_gem_vmap_locked ?vmap_locked ?pin_locked ?get_pages_locked", 0, {1, 1, 1}),

      // drm_gem_vunmap_locked: v6.16 only.
      not_exported(V4, "drm_gem_vunmap_locked"),
      not_exported(V5, "drm_gem_vunmap_locked"),
      not_exported(V10, "drm_gem_vunmap_locked"),
      row(V16, "drm_gem_vunmap_locked", vmapped<V16>, holds_resv,
          call<v6_16::drm_gem_vunmap_locked>,
          "?drm_gem_vunmap_locked ?vunmap_locked ?unpin_locked ?put_pages_locked", 0, {-1, -1, -1}),

      // drm_gem_object_put, the last reference, of an object with an sg table: free puts the
      // pages under pages_lock (§1.1) or the resv, NULL context (§1.2, §1.4). KT-7: freeing a
      // pinned object loses the pin silently before v6.16 and WARNs (pages_pin_count) in v6.16.
      row(V4, "drm_gem_object_put", with_sgt<V4>, no_lock, call<drm_gem_object_put_of>,
          "+pages_lock", 0, {-1, 0, 0}),
      row(V5, "drm_gem_object_put", with_sgt<V5>, no_lock, call<drm_gem_object_put_of>,
          "+R ?put_pages", 0, {-1, 0, 0}),
      row(V10, "drm_gem_object_put", with_sgt<V10>, no_lock, call<drm_gem_object_put_of>,
          "+R ?put_pages", 0, {-1, 0, 0}),
      row(V16, "drm_gem_object_put", with_sgt<V16>, no_lock, call<drm_gem_object_put_of>,
          "+R ?put_pages_locked", 0, {-1, 0, 0}),
      row(V4, "drm_gem_object_put (pinned: KT-7)", pinned<V4>, no_lock, call<drm_gem_object_put_of>,
          "+pages_lock", 0, {-1, 0, 0}),
      row(V16, "drm_gem_object_put (pinned: KT-7)", pinned<V16>, no_lock,
          call<drm_gem_object_put_of>, "+R ?put_pages_locked", 0, {-1, 0, 0}, "leak"),
  };
  return rows;
}

// ---- running a row

// The version's free path, which the last drm_gem_object_put runs.
void (*free_path(Version v))(GemObject&) {
  switch (v) {
    case Version::v6_4:
      return v6_4::drm_gem_shmem_free;
    case Version::v6_5:
      return v6_5::drm_gem_shmem_free;
    case Version::v6_10:
      return v6_10::drm_gem_shmem_free;
    case Version::v6_16:
      return v6_16::drm_gem_shmem_free;
  }
  return nullptr;
}

struct Observed {
  std::vector<std::string> journal;
  int ret = 0;
  Delta delta;
  std::string kinds;
};

int value(const UseCount& c) { return static_cast<int>(c.value()); }

Observed observe(const Row& row) {
  Observed out;
  const sched::ExplorationResult r = sched::explore(
      [&row, &out] {
        ShmemWorld* w = sched::make<ShmemWorld>(row.version, free_path(row.version));
        sched::spawn("t", [w, &row, &out] {
          ShmemObject& bo = w->bo;
          if (row.prepare != nullptr) row.prepare(bo);
          if (row.hold == holds_resv) dma_resv_lock(w->resv, nullptr);
          if (row.hold == holds_pages_lock) mutex_lock(bo.pages_lock);
          const int use = value(bo.pages_use_count), pin = value(bo.pages_pin_count),
                    vmap = value(bo.vmap_use_count);
          std::vector<std::string> journal;
          w->kernel.lockdep.record_to(&journal);
          const int ret = row.run(bo);
          w->kernel.lockdep.record_to(nullptr);
          out.journal = journal;
          out.ret = ret;
          out.delta = {value(bo.pages_use_count) - use, value(bo.pages_pin_count) - pin,
                       value(bo.vmap_use_count) - vmap};
          if (row.hold == holds_pages_lock) mutex_unlock(bo.pages_lock);
          if (row.hold == holds_resv) dma_resv_unlock(w->resv);
        });
      },
      sched::Config{});
  out.kinds = kinds(r);
  return out;
}

constexpr std::string_view kShmemPrefix = "drm_gem_shmem_";

// The journal notation of Row, expanded to lockdep's entries.
std::vector<std::string> expand(std::string_view notation) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < notation.size()) {
    size_t end = notation.find(' ', at);
    if (end == std::string_view::npos) end = notation.size();
    const std::string_view token = notation.substr(at, end - at);
    at = end + 1;
    if (token.empty()) continue;
    const std::string_view name = token.substr(1);
    if (token == "+R")
      out.push_back("takes reservation_ww_class_mutex");
    else if (token[0] == '+')
      out.push_back("takes " + std::string(name));
    else if (token[0] == '?')
      out.push_back("asserts " + (name.starts_with("drm_") ? "" : std::string(kShmemPrefix)) +
                    std::string(name));
    else
      out.push_back("<bad token " + std::string(token) + ">");
  }
  return out;
}

// Lockdep's entries in the journal notation (for the failure message).
std::string notation(const std::vector<std::string>& journal) {
  std::string out;
  for (std::string_view e : journal) {
    std::string token;
    if (e == "takes reservation_ww_class_mutex") {
      token = "+R";
    } else if (e.starts_with("takes ")) {
      token = "+" + std::string(e.substr(6));
    } else if (e.starts_with("asserts ")) {
      std::string_view f = e.substr(8);
      if (f.starts_with(kShmemPrefix)) f.remove_prefix(kShmemPrefix.size());
      token = "?" + std::string(f);
    } else {
      token = "[" + std::string(e) + "]";
    }
    out += (out.empty() ? "" : " ") + token;
  }
  return out;
}

std::string text(const Delta& d) {
  return "{" + std::to_string(d.use) + ", " + std::to_string(d.pin) + ", " +
         std::to_string(d.vmap) + "}";
}

std::string where(const Row& row) {
  return std::string(version_name(row.version)) + " " + row.call;
}

// The call name of a row without its "(variant)".
std::string_view base_name(const Row& row) {
  const std::string_view call = row.call;
  return call.substr(0, call.find(" ("));
}

}  // namespace

TEST_GROUP(ContractTable){};

// Every call of the two groups has exactly one plain row per version; variants name a listed call;
// a not_exported row runs nothing, any other row runs the version's function.
TEST(ContractTable, EveryCallHasARowInEveryVersion) {
  for (std::string_view call : kCalls) {
    for (Version v : kAllVersions) {
      int n = 0;
      for (const Row& row : table()) n += row.version == v && row.call == call;
      const std::string what = std::string(version_name(v)) + " " + std::string(call);
      LONGS_EQUAL_TEXT(1, n, what.c_str());
    }
  }
  for (const Row& row : table()) {
    bool listed = false;
    for (std::string_view call : kCalls) listed = listed || base_name(row) == call;
    CHECK_TEXT(listed, where(row).c_str());
    const bool ne = std::string_view(row.kinds) == "not_exported";
    CHECK_TEXT(ne == (row.run == nullptr), where(row).c_str());
    if (ne) CHECK_TEXT(row.prepare == nullptr && row.hold == no_lock, where(row).c_str());
  }
}

// Runs every exported row and reports every drift at once.
TEST(ContractTable, EveryExportedCallKeepsItsDocumentedContract) {
  std::string drift;
  int checked = 0;
  for (const Row& row : table()) {
    if (row.run == nullptr) continue;
    ++checked;
    const Observed got = observe(row);
    std::string diff;
    const std::vector<std::string> want_journal = expand(row.journal);
    if (got.journal != want_journal)
      diff +=
          " journal \"" + std::string(row.journal) + "\" got \"" + notation(got.journal) + "\";";
    if (got.ret != row.ret)
      diff += " ret " + std::to_string(row.ret) + " got " + std::to_string(got.ret) + ";";
    if (got.delta.use != row.delta.use || got.delta.pin != row.delta.pin ||
        got.delta.vmap != row.delta.vmap)
      diff += " delta " + text(row.delta) + " got " + text(got.delta) + ";";
    if (got.kinds != row.kinds)
      diff += " kinds \"" + std::string(row.kinds) + "\" got \"" + got.kinds + "\";";
    if (!diff.empty()) drift += "\n  " + where(row) + ":" + diff;
  }
  CHECK(checked > 0);
  if (!drift.empty()) FAIL(("contract drift (want ... got ...):" + drift).c_str());
}

}  // namespace resvcheck::model
