// Loading a scenario file (scenario-format.md): JSON text in, a valid Scenario or every problem
// found out.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

// What the loader accepts, named once so that scenarios/schema.json can be tested against it
// (tests/scenarios/schema_test.cpp). The keys of each kind of JSON object, in message order:
inline constexpr std::array<std::string_view, 11> kScenarioKeys = {
    "name",    "description", "versions", "objects", "locks",  "setup",
    "threads", "final",       "inject",   "bounds",  "expect",
};
inline constexpr std::array<std::string_view, 3> kShmemObjectKeys = {"name", "type",
                                                                     "pin_callback"};
inline constexpr std::array<std::string_view, 3> kImportObjectKeys = {"name", "type", "of"};
inline constexpr std::array<std::string_view, 1> kLockKeys = {"name"};
inline constexpr std::array<std::string_view, 3> kThreadKeys = {"name", "ops", "repeat"};
inline constexpr std::array<std::string_view, 3> kBoundsKeys = {"preemptions", "max_steps",
                                                                "max_executions"};
// The closed lists of values:
inline constexpr std::array<std::string_view, 2> kObjectTypes = {"shmem", "import"};
inline constexpr std::array<std::string_view, 2> kPinCallbacks = {"drm_gem_shmem_object_pin",
                                                                  "drm_gem_shmem_pin"};
inline constexpr std::array<std::string_view, 3> kInjectionNames = {"enomem", "eintr", "edeadlk"};
/// Names lock declarations may not take: the model's own lock classes.
inline constexpr std::array<std::string_view, 4> kReservedLockNames = {"fs_reclaim", "mmap_lock",
                                                                       "pages_lock", "vmap_lock"};
// The limits:
inline constexpr uint32_t kMaxThreads = 8;
inline constexpr uint32_t kMaxRepeat = 1000;
inline constexpr uint32_t kMaxPreemptions = 64;
inline constexpr uint64_t kMaxSteps = 10'000'000;
inline constexpr uint64_t kMaxExecutions = 1'000'000'000'000;
/// How deep arrays and objects may nest in a scenario file (deeper is an input error, read
/// without recursion): 20 levels of nested `on` handlers.
inline constexpr size_t kMaxNesting = 64;

struct LoadResult {
  std::optional<Scenario> scenario;  // set when the text is a valid scenario
  std::vector<Problem> problems;     // every problem found, in document order per section
  bool skipped = false;              // a resvcheck output (top-level "format": "resvcheck-...")
};

LoadResult load_scenario(std::string_view text);

}  // namespace resvcheck::scenarios
