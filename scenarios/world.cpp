#include "scenarios/world.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::scenarios {

World::World(const Scenario& scenario, model::Version version)
    : scenario(scenario), kernel(version, scenario.inject) {
  for (const std::string& name : scenario.locks)
    locks.push_back(sched::make<model::Mutex>(kernel, name));
  for (const ResvSpec& r : scenario.resvs)
    resvs.push_back(sched::make<model::DmaResv>(
        kernel, r.name,
        r.cls == CtxClass::wound_wait ? kernel.ww_class : kernel.reservation_class));
}

ThreadState::ThreadState(World& world, const ThreadSpec& spec) : world(&world), spec(&spec) {
  for (const std::string& name : spec.contexts)
    contexts.push_back(sched::make<model::WwAcquireCtx>(world.kernel, name, " (ctx " + name + ")"));
}

}  // namespace resvcheck::scenarios
