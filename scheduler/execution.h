// One execution of a program: the thread table, the scheduling loop, the happens-before clocks of
// the scheduled events, and the engine's own findings (self-deadlock, deadlock, step limit).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/arena.h"
#include "scheduler/config.h"
#include "scheduler/event.h"
#include "scheduler/explorer.h"
#include "scheduler/fiber.h"
#include "scheduler/finding.h"
#include "scheduler/strategy.h"
#include "scheduler/trace.h"

namespace resvcheck::sched {

class Execution {
 public:
  Execution(StackPool& pool, const Config& config);
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;
  ~Execution();

  /// Runs the program once under the strategy. With record_steps, every visible operation
  /// (setup included) is kept in steps().
  ExecutionEnd run(const Program& program, Strategy& strategy, bool record_steps = false);

  const Trace& trace() const { return trace_; }
  const std::vector<Finding>& findings() const { return findings_; }
  const std::vector<std::string>& observations() const { return observations_; }
  const std::vector<StepRecord>& steps() const { return steps_; }
  const std::vector<FindingViews>& finding_views() const { return views_; }
  const std::vector<StepObservation>& step_observations() const { return step_observations_; }
  uint32_t operations() const { return operations_; }
  std::vector<std::string> thread_names() const;
  /// The thread whose fiber overflowed (after ExecutionEnd::overflow).
  ThreadId overflowed() const { return overflowed_; }

  // The facade (facade.h) forwards here for the execution running on this OS thread. Inline, as
  // every visible operation asks: constinit lets it read the thread_local without a TLS wrapper.
  static Execution* current() { return current_; }
  ThreadId current_thread() const { return running_; }
  std::string_view thread_name(ThreadId t) const;
  uint32_t current_step() const { return current_step_; }
  ThreadId spawn(std::string_view name, void (*body)(void*), void* arg);
  void spawn_setup(std::string_view name, void (*body)(void*), void* arg);
  ObjectId new_object(std::string_view name);
  std::string_view object_name(ObjectId id) const;
  void visible(ObjectId object, const Guard& guard);
  /// A visible operation that can always run: its readiness is fixed, never re-evaluated.
  void visible(ObjectId object, Access access);
  uint32_t choose(uint32_t n, std::string_view tag);
  void report(FindingKind kind, std::string message, std::string site);
  void observe(std::string key);
  bool recording() const { return record_steps_; }
  void note(std::string text);
  void describe_threads_with(Describer fn, void* arg) {
    describer_ = fn;
    describer_arg_ = arg;
  }
  [[noreturn]] void stop_thread();
  bool thread_done(ThreadId t) const;
  void at_end(void (*fn)(void*), void* arg) { end_hooks_.push_back({fn, arg}); }
  Arena& arena() { return arena_; }

 private:
  enum class Status : uint8_t { unused, unstarted, pending, finished, stopped, parked };
  struct Thread {
    Status status = Status::unused;
    std::string_view name;
    Fiber* fiber = nullptr;
    void (*body)(void*) = nullptr;
    void* arg = nullptr;
    ObjectId object = 0;           // of the pending operation
    const Guard* guard = nullptr;  // of the pending operation (on the thread's own stack)
    Readiness ready;               // the guard's latest answer, or the fixed one (no guard)
    int32_t last = -1;             // index of its latest scheduled event
    uint32_t seq = 0;              // scheduled events so far
  };
  struct ObjectState {
    int32_t last_write = -1;      // last non-read event
    std::vector<uint32_t> reads;  // read events since then
    std::string_view name;
  };
  struct Hook {
    void (*fn)(void*);
    void* arg;
  };

  void begin();
  void finish();
  bool start_unstarted();   // false on overflow
  bool resume(ThreadId t);  // false on overflow
  bool run_setup();         // false on overflow
  struct Runnable {
    ThreadSet enabled;
    ThreadSet blocked;
    ThreadSet blockers;  // the threads the blocked ones wait for
  };
  Runnable evaluate();
  void park_self_deadlocked(ThreadId t);
  void detect_cycles(ThreadSet blocked);
  void detect_global_deadlock(ThreadSet blocked);
  void record_event(ThreadId t, uint32_t decision);
  void record_unfinished(ThreadSet threads);
  void record_step(ThreadId t, Event event, bool setup);
  void record_held(ThreadId t);
  FindingViews views_now() const;
  const VectorClock& clock_of(ThreadId t) const;
  void raise(FindingKind kind, ThreadId thread, ThreadSet threads, std::string message,
             std::string site);
  std::string names_of(ThreadSet threads) const;
  static void thread_entry(void* arg);

  StackPool& pool_;
  const Config& config_;
  Arena arena_;
  std::array<Thread, kMaxThreads> threads_;
  ThreadSet spawned_;    // user threads (not setup)
  ThreadSet unstarted_;  // spawned, not yet run up to their first visible operation
  ThreadSet waiting_;    // suspended at a choice point (Status::pending)
  ThreadSet guarded_;    // the waiting threads whose readiness is a guard's, asked at every step
  bool has_setup_ = false;
  bool in_setup_ = false;
  ThreadId running_ = kNoThread;
  ThreadId overflowed_ = kNoThread;
  std::vector<ObjectState> objects_;
  size_t object_count_ = 0;
  std::array<Event, kMaxThreads> pending_{};
  ThreadSet in_deadlock_;  // threads already reported in a deadlock of this execution
  Trace trace_;
  std::vector<Finding> findings_;
  std::vector<std::string> observations_;
  std::vector<StepRecord> steps_;
  bool record_steps_ = false;
  // Only while recording (a replay):
  Describer describer_ = nullptr;
  void* describer_arg_ = nullptr;
  std::array<int32_t, kMaxThreads> last_step_{};  // index in steps_ of each thread's latest step
  std::array<std::vector<std::string>, kMaxThreads> early_notes_;  // before its first step
  std::vector<FindingViews> views_;
  std::vector<StepObservation> step_observations_;
  uint32_t operations_ = 0;  // visible operations executed, setup included
  uint32_t current_step_ = 0;
  std::vector<Hook> end_hooks_;
  Strategy* strategy_ = nullptr;
  inline static thread_local constinit Execution* current_ = nullptr;
};

}  // namespace resvcheck::sched
