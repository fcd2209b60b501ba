#include "scenarios/program_builder.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <vector>

#include "scenarios/call_runner.h"
#include "scenarios/final_check.h"
#include "scenarios/world.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

enum class Flow : uint8_t { next, returned };

/// What a replay shows of each thread (sched::describe_threads_with): the scenario call it is
/// in and lockdep's held stack. Exists only while the engine records a replay.
struct ReplayViews {
  explicit ReplayViews(const World& w) : world(w) {}
  const World& world;
  std::array<std::vector<std::string>, sched::kMaxThreads> calls;
};

sched::ThreadView describe(sched::ThreadId t, void* arg) {
  const auto* views = static_cast<const ReplayViews*>(arg);
  sched::ThreadView v;
  v.calls = views->calls[t];
  for (const model::HeldLock& h : views->world.kernel.lockdep.held(t))
    v.held.push_back(std::string(h.lock.name) + h.how);
  return v;
}

Flow run_ops(ThreadState& t, std::span<const Op> ops, ReplayViews* views);

void report_unhandled(const ThreadState& t, const Op& op, RetValue got) {
  const std::string thread(sched::thread_name(sched::current_thread()));
  const std::string call = call_text(t, op);
  sched::report(sched::FindingKind::unhandled_error,
                call + " returned " + std::string(ret_name(got)) + " and no handler catches it",
                thread + ":" + call);
}

/// Runs one op: the call, then its `ret` check, then the matching `on` handler. An error that
/// neither `ret` nor `on` expects stops the thread, as the kernel function would return it.
Flow run_op(ThreadState& t, const Op& op, ReplayViews* views) {
  if (op.call == Call::return_) return Flow::returned;
  std::vector<std::string>* stack = nullptr;
  if (views != nullptr) {
    stack = &views->calls[sched::current_thread()];
    stack->push_back(call_text(t, op));
  }
  const auto result = run_call(t, op);
  if (stack != nullptr) {
    sched::note(stack->back() +
                (result ? " returned " + std::string(ret_name(*result)) : " did nothing"));
    stack->pop_back();
  }
  if (!result) return Flow::next;  // the call did nothing: `ret` and `on` do not apply
  const RetValue got = *result;
  if (op.ret && *op.ret != got) {
    const std::string thread(sched::thread_name(sched::current_thread()));
    const std::string call = call_text(t, op);
    sched::report(sched::FindingKind::unexpected_return,
                  call + " returned " + std::string(ret_name(got)) + ", expected " +
                      std::string(ret_name(*op.ret)),
                  thread + ":" + call);
  }
  for (const Handler& h : op.on)
    if (h.when == got) return run_ops(t, h.ops, views);
  if (!op.ret && is_error(got)) {
    report_unhandled(t, op, got);
    sched::stop_thread();  // counts as exited, without the lock_held_at_exit check
  }
  return Flow::next;
}

Flow run_ops(ThreadState& t, std::span<const Op> ops, ReplayViews* views) {
  for (const Op& op : ops)
    if (run_op(t, op, views) == Flow::returned) return Flow::returned;
  return Flow::next;
}

void run_thread(ThreadState& t, ReplayViews* views) {
  for (uint32_t i = 0; i < t.spec->repeat; ++i)
    if (run_ops(t, t.spec->ops, views) == Flow::returned) break;
  t.reached_end = true;
  t.world->kernel.lockdep.check_exit();
}

/// The `final` checks, when every thread reached its end.
void end_of_execution(const World& w) {
  for (const ThreadState* t : w.threads)
    if (!t->reached_end) return;
  check_final(w);
}

}  // namespace

sched::Program build_program(const Scenario& scenario, model::Version version) {
  return [&scenario, version] {
    World* w = sched::make<World>(scenario, version);
    ReplayViews* views = nullptr;
    if (sched::recording()) {
      views = sched::make<ReplayViews>(*w);
      sched::describe_threads_with(describe, views);
    }
    const bool imports = std::any_of(scenario.objects.begin(), scenario.objects.end(),
                                     [](const ObjectSpec& o) { return o.of.has_value(); });
    if (!scenario.setup.ops.empty() || imports) {
      ThreadState* setup = sched::make<ThreadState>(*w, scenario.setup);
      sched::spawn_setup("setup", [setup, views] {
        attach_imports(*setup->world);
        run_thread(*setup, views);
      });
    }
    for (const ThreadSpec& spec : scenario.threads) {
      ThreadState* t = sched::make<ThreadState>(*w, spec);
      sched::spawn(t->spec->name, [t, views] { run_thread(*t, views); });
    }
    if (!scenario.final.empty()) sched::at_execution_end([w] { end_of_execution(*w); });
  };
}

}  // namespace resvcheck::scenarios
