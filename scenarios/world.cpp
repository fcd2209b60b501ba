#include "scenarios/world.h"

#include <string>

#include "scenarios/helper_calls.h"
#include "scenarios/panfrost_calls.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {

World::World(const Scenario& scenario, model::Version version)
    : scenario(scenario), kernel(version, scenario.inject) {
  for (const std::string& name : scenario.locks) {
    locks.push_back(sched::make<model::Mutex>(kernel, name));
    if (name != kShrinkerLock) continue;
    panfrost = sched::make<model::PanfrostDevice>(kernel, *locks.back());
  }
  for (const ResvSpec& r : scenario.resvs)
    resvs.push_back(sched::make<model::DmaResv>(
        kernel, r.name,
        r.cls == CtxClass::wound_wait ? kernel.ww_class : kernel.reservation_class));
  for (const ObjectSpec& o : scenario.objects) {
    model::ShmemObject* exporter = o.of ? objects[*o.of] : nullptr;
    auto* obj =
        sched::make<model::ShmemObject>(kernel, o.name, *resvs[o.resv], exporter, o.pin_callback);
    obj->gem.free = panfrost != nullptr ? model::panfrost_gem_free_object : shmem_free(version);
    if (exporter != nullptr) {
      exporter->exported = true;        // obj->dma_buf: never purgeable
      ++exporter->gem.refs;             // the import's reference, taken before any thread runs
      ++exporter->dma_buf.attachments;  // dropped by the import's release
    }
    objects.push_back(obj);
  }
}

ThreadState::ThreadState(World& world, const ThreadSpec& spec)
    : world(&world),
      spec(&spec),
      mmap_lock{this, model::lock_class::mmap_lock, model::lock_class::mmap_lock} {
  for (const std::string& name : spec.contexts)
    contexts.push_back(sched::make<model::WwAcquireCtx>(world.kernel, name, " (ctx " + name + ")"));
  for (const std::string& name : spec.execs)
    execs.push_back(sched::make<model::DrmExec>(world.kernel, name));
  world.threads.push_back(this);
}

void attach_imports(World& world) {
  for (model::ShmemObject* obj : world.objects)
    if (obj->exporter != nullptr) gem_pin(world.kernel.version, *obj->exporter);
}

}  // namespace resvcheck::scenarios
