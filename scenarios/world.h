// One execution of a scenario: the modeled objects its ops act on, in the execution's arena and
// created in the same order in every execution (kernel, driver mutexes with the panfrost device
// after shrinker_lock, resvs, GEM objects, then each thread's acquire contexts and drm_execs).
#pragma once

#include <vector>

#include "model/dma_resv.h"
#include "model/drm_exec.h"
#include "model/kernel.h"
#include "model/lockdep.h"
#include "model/mutex.h"
#include "model/panfrost.h"
#include "model/shmem_object.h"
#include "model/ww_mutex.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

struct ThreadState;

struct World {
  /// Only while an execution runs (creates engine objects). Each import exports its `of` and
  /// holds a GEM reference on it (the dma-buf's, dropped by the import's release, which also
  /// unpins `of`); the attach's pin runs at the start of setup (attach_imports).
  World(const Scenario& scenario, model::Version version);

  const Scenario& scenario;
  model::Kernel kernel;
  std::vector<model::Mutex*> locks;           // indexed like Scenario::locks
  std::vector<model::DmaResv*> resvs;         // indexed like Scenario::resvs
  std::vector<model::ShmemObject*> objects;   // indexed like Scenario::objects
  std::vector<ThreadState*> threads;          // setup (if it runs) first, then the threads
  model::PanfrostDevice* panfrost = nullptr;  // when the scenario has a shrinker_lock
};

/// A scenario thread in one execution: its spec, its own acquire contexts and drm_execs (names
/// are per thread), created once and reused by every op that names them, and its process's
/// mmap_lock (a lockdep class only: each thread stands for its own process).
struct ThreadState {
  ThreadState(World& world, const ThreadSpec& spec);

  World* world;
  const ThreadSpec* spec;
  std::vector<model::WwAcquireCtx*> contexts;  // indexed like ThreadSpec::contexts
  std::vector<model::DrmExec*> execs;          // indexed like ThreadSpec::execs
  model::LockRef mmap_lock;
  bool reached_end = false;  // ran its last op or a `return` (the `final` checks need all)
};

/// The pin of each import's dma-buf attach, through the version's drm_gem_pin, in the setup
/// thread (scenario-format.md, "Objects").
void attach_imports(World& world);

}  // namespace resvcheck::scenarios
