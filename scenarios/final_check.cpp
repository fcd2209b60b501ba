#include "scenarios/final_check.h"

#include <string>

#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

/// The value of `key` on `obj` (booleans as 0 and 1); a saturated refcount_t reads as its value.
int64_t read(const model::ShmemObject& obj, FinalKey key) {
  switch (key) {
    case FinalKey::pages_use_count:
      return obj.pages_use_count.value();
    case FinalKey::pages_pin_count:
      return obj.pages_pin_count.value();
    case FinalKey::vmap_use_count:
      return obj.vmap_use_count.value();
    case FinalKey::madv:
      return obj.madv;
    case FinalKey::has_pages:
      return obj.has_pages;
    case FinalKey::has_sgt:
      return obj.has_sgt;
    case FinalKey::freed:
      return obj.gem.freed;
  }
  return 0;
}

std::string value_text(FinalKey key, int64_t v) {
  if (key == FinalKey::has_pages || key == FinalKey::has_sgt || key == FinalKey::freed)
    return v != 0 ? "true" : "false";
  return std::to_string(v);
}

}  // namespace

void check_final(const World& world) {
  for (const FinalCheck& c : world.scenario.final) {
    if (c.key == FinalKey::pages_pin_count && world.kernel.version != model::Version::v6_16)
      continue;
    const model::ShmemObject& obj = *world.objects[c.object];
    const int64_t found = read(obj, c.key);
    if (found == c.value) continue;
    const std::string key(kFinalKeyNames[static_cast<size_t>(c.key)]);
    const std::string name(obj.name);
    sched::report(sched::FindingKind::final_state,
                  "final " + name + "." + key + ": expected " + value_text(c.key, c.value) +
                      ", found " + value_text(c.key, found),
                  "final:" + name + ":" + key);
  }
}

}  // namespace resvcheck::scenarios
