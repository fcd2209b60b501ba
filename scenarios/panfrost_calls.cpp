#include "scenarios/panfrost_calls.h"

#include "model/panfrost.h"
#include "scenarios/kernel_ret.h"
#include "scenarios/world.h"

namespace resvcheck::scenarios {

bool is_panfrost_call(Call c) {
  return c == Call::panfrost_madvise || c == Call::panfrost_shrinker_scan ||
         c == Call::direct_reclaim;
}

RetValue run_panfrost_call(ThreadState& t, const Op& op) {
  model::PanfrostDevice& dev = *t.world->panfrost;  // the loader declared shrinker_lock
  switch (op.call) {
    case Call::panfrost_madvise:
      return from_errno(model::panfrost_ioctl_madvise(dev, *t.world->objects[op.object], op.madv));
    case Call::panfrost_shrinker_scan:
      model::kswapd_shrink(dev);
      return RetValue::zero;
    default:  // direct_reclaim
      model::direct_reclaim(dev);
      return RetValue::zero;
  }
}

}  // namespace resvcheck::scenarios
