#include "scenarios/contract_probe.h"

#include "model/dma_resv.h"
#include "model/kernel.h"
#include "model/shmem_object.h"
#include "scenarios/helper_calls.h"
#include "scheduler/explorer.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

struct World {
  model::Kernel kernel;
  model::DmaResv resv;
  model::ShmemObject bo;
  explicit World(model::Version v)
      : kernel(v, {}),
        resv(kernel, "bo.resv", kernel.reservation_class),
        bo(kernel, "bo", resv, nullptr, model::PinCallback::object_pin) {}
};

std::string delta(const char* name, uint32_t before, uint32_t after) {
  if (before == after) return "";
  const long d = static_cast<long>(after) - static_cast<long>(before);
  return std::string(name) + (d > 0 ? " +" : " ") + std::to_string(d);
}

void append(std::string& list, const std::string& item) {
  if (!item.empty()) list += (list.empty() ? "" : ", ") + item;
}

// Runs `call` once, alone, on a fresh object; the caller holds the resv if `hold`.
CallContract observe(model::Version v, Call call, bool hold) {
  CallContract c;
  c.call = call;
  c.exported = true;
  c.needs_resv = hold;
  const sched::ExplorationResult r = sched::explore(
      [v, call, hold, &c] {
        World* w = sched::make<World>(v);
        sched::spawn("probe", [w, v, call, hold, &c] {
          model::ShmemObject& bo = w->bo;
          if (hold) model::dma_resv_lock(w->resv, nullptr);
          const uint32_t use = bo.pages_use_count.value(), pin = bo.pages_pin_count.value(),
                         vmap = bo.vmap_use_count.value();
          std::vector<std::string> journal;
          w->kernel.lockdep.record_to(&journal);
          Op op;
          op.call = call;
          op.madv = 1;
          const RetValue ret = run_helper_call(v, bo, op);
          w->kernel.lockdep.record_to(nullptr);
          c.journal = journal;
          c.counters.clear();
          append(c.counters, delta("pages_use_count", use, bo.pages_use_count.value()));
          append(c.counters, delta("pages_pin_count", pin, bo.pages_pin_count.value()));
          append(c.counters, delta("vmap_use_count", vmap, bo.vmap_use_count.value()));
          c.result = "returns " + std::string(ret_name(ret));
          if (hold && w->kernel.lockdep.holds(sched::current_thread(), &w->resv.lock))
            model::dma_resv_unlock(w->resv);
        });
      },
      sched::Config{});
  for (const sched::KindSummary& k : r.findings)
    append(c.findings, std::string(sched::finding_kind_name(k.kind)));
  return c;
}

}  // namespace

std::vector<CallContract> probe_contracts(model::Version v) {
  std::vector<CallContract> out;
  for (auto i = static_cast<size_t>(Call::drm_gem_shmem_get_pages);
       i < static_cast<size_t>(Call::drm_gem_object_put); ++i) {
    const auto call = static_cast<Call>(i);
    if (!exported(call, v)) {
      CallContract c;
      c.call = call;
      c.not_exported_reason = not_exported_reason(call, v);
      out.push_back(std::move(c));
      continue;
    }
    CallContract c = observe(v, call, /*hold=*/false);
    // A call whose contract is "the caller holds the resv": show it used as documented.
    if (c.findings.find("assert_held") != std::string::npos) c = observe(v, call, /*hold=*/true);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace resvcheck::scenarios
