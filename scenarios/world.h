// One execution of a scenario: the modeled objects its ops act on, in the execution's arena and
// created in the same order in every execution (kernel, driver mutexes, resvs, then each
// thread's acquire contexts).
#pragma once

#include <vector>

#include "model/dma_resv.h"
#include "model/kernel.h"
#include "model/mutex.h"
#include "model/ww_mutex.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

struct World {
  /// Only while an execution runs (creates engine objects).
  World(const Scenario& scenario, model::Version version);

  const Scenario& scenario;
  model::Kernel kernel;
  std::vector<model::Mutex*> locks;    // indexed like Scenario::locks
  std::vector<model::DmaResv*> resvs;  // indexed like Scenario::resvs
};

/// A scenario thread in one execution: its spec and its own acquire contexts (context names are
/// per thread), created once and reused by every ww_acquire_init of the name.
struct ThreadState {
  ThreadState(World& world, const ThreadSpec& spec);

  World* world;
  const ThreadSpec* spec;
  std::vector<model::WwAcquireCtx*> contexts;  // indexed like ThreadSpec::contexts
};

}  // namespace resvcheck::scenarios
