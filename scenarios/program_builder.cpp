#include "scenarios/program_builder.h"

#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "model/mutex.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

/// One execution's objects, in the arena.
struct World {
  const Scenario& scenario;
  std::vector<model::Mutex*> locks;  // indexed like Scenario::locks
};

enum class Flow : uint8_t { next, returned };

/// The call as messages show it: `mutex_trylock(a)`.
std::string call_text(const World& w, const Op& op) {
  return std::string(call_name(op.call)) + "(" + w.scenario.locks[op.lock] + ")";
}

RetValue run_call(World& w, const Op& op) {
  switch (op.call) {
    case Call::mutex_lock:
      model::mutex_lock(*w.locks[op.lock]);
      return RetValue::zero;
    case Call::mutex_trylock:
      return model::mutex_trylock(*w.locks[op.lock]) ? RetValue::true_ : RetValue::false_;
    case Call::mutex_unlock:
      model::mutex_unlock(*w.locks[op.lock]);
      return RetValue::zero;
    default:
      std::abort();  // the loader admits modeled calls only
  }
}

Flow run_ops(World& w, std::span<const Op> ops);

/// Runs one op: the call, then its `ret` check, then the matching `on` handler.
Flow run_op(World& w, const Op& op) {
  if (op.call == Call::return_) return Flow::returned;
  const RetValue got = run_call(w, op);
  if (op.ret && *op.ret != got) {
    const std::string thread(sched::thread_name(sched::current_thread()));
    const std::string call = call_text(w, op);
    sched::report(sched::FindingKind::unexpected_return,
                  call + " returned " + std::string(ret_name(got)) + ", expected " +
                      std::string(ret_name(*op.ret)),
                  thread + ":" + call);
  }
  for (const Handler& h : op.on)
    if (h.when == got) return run_ops(w, h.ops);
  return Flow::next;
}

Flow run_ops(World& w, std::span<const Op> ops) {
  for (const Op& op : ops)
    if (run_op(w, op) == Flow::returned) return Flow::returned;
  return Flow::next;
}

/// The end of a thread: every lock it still holds is lock_held_at_exit.
void check_exit(const World& w) {
  const sched::ThreadId me = sched::current_thread();
  for (const model::Mutex* m : w.locks) {
    if (m->owner != me) continue;
    const std::string thread(sched::thread_name(me));
    const std::string lock(m->name);
    sched::report(sched::FindingKind::lock_held_at_exit,
                  "thread '" + thread + "' exited holding mutex '" + lock + "'",
                  thread + ":" + lock);
  }
}

void run_thread(World& w, std::span<const Op> ops, uint32_t repeat) {
  for (uint32_t i = 0; i < repeat; ++i)
    if (run_ops(w, ops) == Flow::returned) break;
  check_exit(w);
}

}  // namespace

sched::Program build_program(const Scenario& scenario) {
  return [&scenario] {
    World* w = sched::make<World>(World{scenario, {}});
    for (const std::string& name : scenario.locks)
      w->locks.push_back(sched::make<model::Mutex>(name));
    if (!scenario.setup.empty())
      sched::spawn_setup("setup", [w] { run_thread(*w, w->scenario.setup, 1); });
    for (const ThreadSpec& t : scenario.threads)
      sched::spawn(t.name, [w, &t] { run_thread(*w, t.ops, t.repeat); });
  };
}

}  // namespace resvcheck::scenarios
