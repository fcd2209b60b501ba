#include "model/lockdep.h"

#include <algorithm>
#include <iterator>

#include "scheduler/facade.h"

namespace resvcheck::model {
namespace {

constexpr std::string_view kEdgePrefix = "lock_order:";
constexpr std::string_view kEdgeArrow = " -> ";

}  // namespace

void Lockdep::check_acquire(const LockRef& lock, const void* nest, bool check_recursion) {
  const sched::ThreadId me = sched::current_thread();
  const std::vector<HeldLock>& held = stack(me);
  // Re-locking the very same instance is the engine's self_deadlock, and only that.
  const bool relock = std::any_of(held.begin(), held.end(), [&lock](const HeldLock& h) {
    return h.lock.instance == lock.instance;
  });
  const HeldLock* recursive = nullptr;
  bool nest_held = false;  // as lockdep's check_deadlock: the nest lock held below the lock
  std::vector<std::string_view> sources;  // classes already recorded as edges by this call
  for (const HeldLock& h : held) {
    if (nest != nullptr && h.lock.instance == nest) nest_held = true;
    if (h.lock.cls == lock.cls) {
      if (!recursive && !nest_held) recursive = &h;
      continue;
    }
    if (std::find(sources.begin(), sources.end(), h.lock.cls) != sources.end()) continue;
    sources.push_back(h.lock.cls);
    sched::observe(lock_edge_key(h.lock.cls, lock.cls));
  }
  if (!check_recursion || relock || !recursive) return;
  const std::string thread(sched::thread_name(me));
  sched::report(sched::FindingKind::recursive_locking,
                "possible recursive locking: '" + thread + "' acquires '" + std::string(lock.name) +
                    "' (" + std::string(lock.cls) + ") while holding '" +
                    std::string(recursive->lock.name) + "'",
                thread + ":" + std::string(lock.cls));
}

void Lockdep::acquired(HeldLock held) {
  note("takes " + std::string(held.lock.cls));
  if (sched::recording())
    sched::note("acquire " + std::string(held.lock.name) + held.how +
                (held.trylock ? " (trylock)" : ""));
  stack(sched::current_thread()).push_back(std::move(held));
}

bool Lockdep::released(const void* instance) {
  std::vector<HeldLock>& held = stack(sched::current_thread());
  // Locks are usually dropped in reverse order: search from the newest.
  const auto it = std::find_if(held.rbegin(), held.rend(), [instance](const HeldLock& h) {
    return h.lock.instance == instance;
  });
  if (it == held.rend()) return false;
  if (sched::recording()) sched::note("release " + std::string(it->lock.name));
  held.erase(std::next(it).base());
  return true;
}

const HeldLock* Lockdep::find(sched::ThreadId t, const void* instance) const {
  for (const HeldLock& h : held(t))
    if (h.lock.instance == instance) return &h;
  return nullptr;
}

const std::vector<HeldLock>& Lockdep::held(sched::ThreadId t) const {
  static const std::vector<HeldLock> kNothing;
  return t < stacks_.size() ? stacks_[t] : kNothing;
}

std::string Lockdep::held_text(sched::ThreadId t) const {
  std::string out;
  for (const HeldLock& h : held(t))
    out += (out.empty() ? "" : ", ") + std::string(h.lock.name) + h.how;
  return out.empty() ? "nothing" : out;
}

void Lockdep::check_exit() {
  const sched::ThreadId me = sched::current_thread();
  const std::string thread(sched::thread_name(me));
  std::vector<HeldLock>& held = stack(me);
  for (const HeldLock& h : held)
    sched::report(sched::FindingKind::lock_held_at_exit,
                  "thread '" + thread + "' exited holding " + std::string(h.lock.name) + h.how,
                  thread + ":" + std::string(h.lock.name));
  held.clear();
}

std::vector<HeldLock>& Lockdep::stack(sched::ThreadId t) {
  if (stacks_.size() <= t) stacks_.resize(t + 1);
  return stacks_[t];
}

std::string lock_edge_key(std::string_view from, std::string_view to) {
  return std::string(kEdgePrefix) + std::string(from) + std::string(kEdgeArrow) + std::string(to);
}

std::optional<std::pair<std::string, std::string>> parse_lock_edge_key(std::string_view key) {
  if (!key.starts_with(kEdgePrefix)) return std::nullopt;
  key.remove_prefix(kEdgePrefix.size());
  const size_t arrow = key.find(kEdgeArrow);
  if (arrow == std::string_view::npos || arrow == 0 || arrow + kEdgeArrow.size() == key.size())
    return std::nullopt;
  return std::pair{std::string(key.substr(0, arrow)),
                   std::string(key.substr(arrow + kEdgeArrow.size()))};
}

}  // namespace resvcheck::model
