#include "scenarios/program_builder.h"

#include <algorithm>
#include <span>
#include <string>

#include "scenarios/call_runner.h"
#include "scenarios/final_check.h"
#include "scenarios/world.h"
#include "scheduler/facade.h"

namespace resvcheck::scenarios {
namespace {

enum class Flow : uint8_t { next, returned };

Flow run_ops(ThreadState& t, std::span<const Op> ops);

void report_unhandled(const ThreadState& t, const Op& op, RetValue got) {
  const std::string thread(sched::thread_name(sched::current_thread()));
  const std::string call = call_text(t, op);
  sched::report(sched::FindingKind::unhandled_error,
                call + " returned " + std::string(ret_name(got)) + " and no handler catches it",
                thread + ":" + call);
}

/// Runs one op: the call, then its `ret` check, then the matching `on` handler. An error that
/// neither `ret` nor `on` expects stops the thread, as the kernel function would return it.
Flow run_op(ThreadState& t, const Op& op) {
  if (op.call == Call::return_) return Flow::returned;
  const auto result = run_call(t, op);
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
    if (h.when == got) return run_ops(t, h.ops);
  if (!op.ret && is_error(got)) {
    report_unhandled(t, op, got);
    sched::stop_thread();  // counts as exited, without the lock_held_at_exit check
  }
  return Flow::next;
}

Flow run_ops(ThreadState& t, std::span<const Op> ops) {
  for (const Op& op : ops)
    if (run_op(t, op) == Flow::returned) return Flow::returned;
  return Flow::next;
}

void run_thread(ThreadState& t) {
  for (uint32_t i = 0; i < t.spec->repeat; ++i)
    if (run_ops(t, t.spec->ops) == Flow::returned) break;
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
    const bool imports = std::any_of(scenario.objects.begin(), scenario.objects.end(),
                                     [](const ObjectSpec& o) { return o.of.has_value(); });
    if (!scenario.setup.ops.empty() || imports) {
      ThreadState* setup = sched::make<ThreadState>(*w, scenario.setup);
      sched::spawn_setup("setup", [setup] {
        attach_imports(*setup->world);
        run_thread(*setup);
      });
    }
    for (const ThreadSpec& spec : scenario.threads) {
      ThreadState* t = sched::make<ThreadState>(*w, spec);
      sched::spawn(t->spec->name, [t] { run_thread(*t); });
    }
    if (!scenario.final.empty()) sched::at_execution_end([w] { end_of_execution(*w); });
  };
}

}  // namespace resvcheck::scenarios
