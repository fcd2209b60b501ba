// A loaded scenario (scenario-format.md): the locks, the ops of the setup and of each thread,
// the bounds and, per checked version, the expectation. Built by the loader from valid input
// only, so everything here is consistent (lock indexes in range, ret values valid per call).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/kernel.h"
#include "model/version.h"
#include "scenarios/calls.h"
#include "scenarios/expectation.h"
#include "scenarios/ret_value.h"

namespace resvcheck::scenarios {

struct Op;

/// An `on` entry: the ops to run when the call returns `when`.
struct Handler {
  RetValue when = RetValue::false_;
  std::vector<Op> ops;
};

struct Op {
  Call call = Call::return_;
  uint32_t lock = 0;            // index into Scenario::locks, for calls that take a lock
  std::optional<RetValue> ret;  // the value the call must return
  std::vector<Handler> on;
};

struct ThreadSpec {
  std::string name;
  std::vector<Op> ops;
  uint32_t repeat = 1;
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
  std::vector<std::string> locks;  // driver mutexes, in declaration order
  std::vector<Op> setup;
  std::vector<ThreadSpec> threads;
  model::Injection inject;  // the faults explored as extra choices
  Bounds bounds;
  std::vector<VersionCheck> checks;  // in release order
};

}  // namespace resvcheck::scenarios
