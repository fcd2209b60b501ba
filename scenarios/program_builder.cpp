#include "scenarios/program_builder.h"

#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "model/kernel.h"
#include "model/mutex.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

/// One execution's objects, in the arena.
struct World {
  World(const Scenario& scenario, model::Version version)
      : scenario(scenario), kernel(version, scenario.inject) {}

  const Scenario& scenario;
  model::Kernel kernel;
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
    case Call::mutex_lock_interruptible:
      // -EINTR is the only error it returns.
      return model::mutex_lock_interruptible(*w.locks[op.lock]) == 0 ? RetValue::zero
                                                                     : RetValue::eintr;
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

void report_unhandled(const World& w, const Op& op, RetValue got) {
  const std::string thread(sched::thread_name(sched::current_thread()));
  const std::string call = call_text(w, op);
  sched::report(sched::FindingKind::unhandled_error,
                call + " returned " + std::string(ret_name(got)) + " and no handler catches it",
                thread + ":" + call);
}

/// Runs one op: the call, then its `ret` check, then the matching `on` handler. An error that
/// neither `ret` nor `on` expects stops the thread, as the kernel function would return it.
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
  if (!op.ret && is_error(got)) {
    report_unhandled(w, op, got);
    sched::stop_thread();  // counts as exited, without the lock_held_at_exit check
  }
  return Flow::next;
}

Flow run_ops(World& w, std::span<const Op> ops) {
  for (const Op& op : ops)
    if (run_op(w, op) == Flow::returned) return Flow::returned;
  return Flow::next;
}

void run_thread(World& w, std::span<const Op> ops, uint32_t repeat) {
  for (uint32_t i = 0; i < repeat; ++i)
    if (run_ops(w, ops) == Flow::returned) break;
  w.kernel.lockdep.check_exit();
}

}  // namespace

sched::Program build_program(const Scenario& scenario, model::Version version) {
  return [&scenario, version] {
    World* w = sched::make<World>(scenario, version);
    for (const std::string& name : scenario.locks)
      w->locks.push_back(sched::make<model::Mutex>(w->kernel, name));
    if (!scenario.setup.empty())
      sched::spawn_setup("setup", [w] { run_thread(*w, w->scenario.setup, 1); });
    for (const ThreadSpec& t : scenario.threads)
      sched::spawn(t.name, [w, &t] { run_thread(*w, t.ops, t.repeat); });
  };
}

}  // namespace resvcheck::scenarios
