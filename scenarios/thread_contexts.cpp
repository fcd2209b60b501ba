#include "scenarios/thread_contexts.h"

#include <algorithm>

namespace resvcheck::scenarios {

uint32_t ThreadContexts::use(const std::string& name, const Pointer& at) {
  const auto it = std::find_if(contexts_.begin(), contexts_.end(),
                               [&name](const Context& c) { return c.name == name; });
  if (it != contexts_.end()) return static_cast<uint32_t>(it - contexts_.begin());
  contexts_.push_back({name, at});
  return static_cast<uint32_t>(contexts_.size() - 1);
}

void ThreadContexts::init(uint32_t ctx, CtxClass cls) {
  contexts_[ctx].initialised = true;
  if (cls == CtxClass::wound_wait) contexts_[ctx].wound_wait = true;
}

void ThreadContexts::lock(uint32_t ctx, uint32_t resv) { locks_.emplace_back(ctx, resv); }

void ThreadContexts::check_initialised(JsonReader& r, std::string_view thread) const {
  for (const Context& c : contexts_)
    if (!c.initialised)
      r.fail(c.first_use, "context '" + c.name + "' is never initialised in thread '" +
                              std::string(thread) + "'");
}

void ThreadContexts::mark_wound_wait(std::vector<ResvSpec>& resvs) const {
  for (const auto& [ctx, resv] : locks_)
    if (contexts_[ctx].wound_wait) resvs[resv].cls = CtxClass::wound_wait;
}

std::vector<std::string> ThreadContexts::names() const {
  std::vector<std::string> out;
  for (const Context& c : contexts_) out.push_back(c.name);
  return out;
}

}  // namespace resvcheck::scenarios
