// A loaded scenario (scenario-format.md): the objects and their reservation locks, the locks,
// the ops of the setup and of each thread, the bounds and, per checked version, the expectation.
// Built by the loader from valid input only, so everything here is consistent (indexes in range,
// ret values valid per call, every context a thread names initialised somewhere in it).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/drm_exec.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "model/version.h"
#include "scenarios/calls.h"
#include "scenarios/expectation.h"
#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

struct Op;

/// The ww class of an acquire context (`ww_acquire_init`'s `class`), and so of the resv locks
/// such contexts lock.
enum class CtxClass : uint8_t { wait_die, wound_wait };

/// A reservation object: a shmem object's own, shared by the imports of it.
struct ResvSpec {
  std::string name;                   // "<shmem object>.resv"
  CtxClass cls = CtxClass::wait_die;  // wound_wait when a wound-wait context locks it
};

/// A GEM object of `objects`.
struct ObjectSpec {
  std::string name;
  std::optional<uint32_t> of;  // an import: the index of the exporter in Scenario::objects
  uint32_t resv = 0;           // index into Scenario::resvs: its own, or its exporter's
  model::PinCallback pin_callback = model::PinCallback::object_pin;  // a shmem object's funcs->pin
};

/// An `on` entry: the ops to run when the call returns `when`.
struct Handler {
  RetValue when = RetValue::false_;
  std::vector<Op> ops;
};

struct Op {
  Call call = Call::return_;
  uint32_t lock = 0;                  // index into Scenario::locks, for calls that take a lock
  uint32_t object = 0;                // index into Scenario::objects, for calls that take an object
  std::optional<uint32_t> ctx;        // index into ThreadSpec::contexts; none: the NULL context
  CtxClass cls = CtxClass::wait_die;  // ww_acquire_init's class
  std::optional<uint32_t> exec;       // index into ThreadSpec::execs, for the drm_exec calls
  std::vector<uint32_t> objects;      // drm_exec_lock's objects (indexes into Scenario::objects)
  model::DrmExecFlags flags;          // drm_exec_lock's flags
  int madv = 0;                       // the madvise calls: 1 dontneed, 0 willneed
  model::Mapping mapping = model::Mapping::shared;  // drm_gem_shmem_mmap's mapping
  std::optional<RetValue> ret;                      // the value the call must return
  std::vector<Handler> on;
};

struct ThreadSpec {
  std::string name;
  std::vector<Op> ops;
  uint32_t repeat = 1;
  std::vector<std::string> contexts;  // the acquire contexts its ops name, in first-use order
  std::vector<std::string> execs;     // the drm_exec names its ops use, in first-use order
};

/// What a `final` entry checks (scenario-format.md, "final").
enum class FinalKey : uint8_t {
  pages_use_count,
  pages_pin_count,  // skipped before v6.16
  vmap_use_count,
  madv,
  has_pages,
  has_sgt,
  freed,
};

inline constexpr std::array<std::string_view, 7> kFinalKeyNames = {
    "pages_use_count", "pages_pin_count", "vmap_use_count", "madv", "has_pages", "has_sgt", "freed",
};

/// One `final` value: object `object` must end with `key` == `value` (booleans as 0 and 1).
struct FinalCheck {
  uint32_t object = 0;  // index into Scenario::objects
  FinalKey key = FinalKey::pages_use_count;
  int64_t value = 0;
};

/// The scenario's `bounds`; unset fields leave the default (command-line flags override all).
struct Bounds {
  std::optional<uint32_t> preemptions;
  std::optional<uint32_t> max_steps;
  std::optional<uint64_t> max_executions;
};

/// One version to check, with what it must find.
struct VersionCheck {
  model::Version version = model::Version::v6_4;
  Expectation expected;
};

struct Scenario {
  std::string name;
  std::vector<ObjectSpec> objects;  // in declaration order
  std::vector<ResvSpec> resvs;      // one per shmem object, in declaration order
  std::vector<std::string> locks;   // driver mutexes, in declaration order
  ThreadSpec setup;                 // thread "setup"; no ops when the scenario has none
  std::vector<ThreadSpec> threads;
  std::vector<FinalCheck> final;  // by object name, then key name
  model::Injection inject;        // the faults explored as extra choices
  Bounds bounds;
  std::vector<VersionCheck> checks;  // in release order
};

}  // namespace resvcheck::scenarios
