#include "scheduler/execution.h"

#include <bit>
#include <cstdlib>
#include <stdexcept>

namespace resvcheck::sched {

Execution::Execution(StackPool& pool, const Config& config) : pool_(pool), config_(config) {}

Execution::~Execution() = default;

std::string_view Execution::thread_name(ThreadId t) const {
  return t < kMaxThreads ? threads_[t].name : std::string_view{};
}

std::vector<std::string> Execution::thread_names() const {
  std::vector<std::string> names;
  for (const Thread& th : threads_) names.emplace_back(th.name);
  return names;
}

void Execution::thread_entry(void* arg) {
  auto* th = static_cast<Thread*>(arg);
  th->body(th->arg);
}

ThreadId Execution::spawn(std::string_view name, void (*body)(void*), void* arg) {
  // Slots are taken in order: the next is the width of the spawned set (no popcount, which is a
  // call into libgcc without -mpopcnt).
  const auto slot = static_cast<ThreadId>(std::bit_width(spawned_.bits()));
  if (slot >= kSetupThread) throw std::length_error("too many threads in one execution");
  // begin() reset the slot: each is spawned at most once per execution.
  Thread& th = threads_[slot];
  th.status = Status::unstarted;
  th.name = name;
  th.body = body;
  th.arg = arg;
  // A child spawned by a running thread happens after its parent's current step.
  trace_.start[slot] = running_ != kNoThread ? clock_of(running_) : VectorClock{};
  spawned_.insert(slot);
  unstarted_.insert(slot);
  return slot;
}

void Execution::spawn_setup(std::string_view name, void (*body)(void*), void* arg) {
  if (has_setup_ || running_ != kNoThread)
    throw std::logic_error("spawn_setup: only once, from the program's start function");
  Thread& th = threads_[kSetupThread];
  th.status = Status::unstarted;
  th.name = name;
  th.body = body;
  th.arg = arg;
  has_setup_ = true;
  unstarted_.insert(kSetupThread);
  trace_.start[kSetupThread] = VectorClock{};
}

ObjectId Execution::new_object(std::string_view name) {
  if (object_count_ == objects_.size()) objects_.emplace_back();
  ObjectState& o = objects_[object_count_];
  o.last_write = -1;
  o.reads.clear();
  o.name = name;
  return static_cast<ObjectId>(object_count_++);
}

std::string_view Execution::object_name(ObjectId id) const {
  return id < object_count_ ? objects_[id].name : std::string_view{};
}

void Execution::visible(ObjectId object, const Guard& guard) {
  if (running_ == kNoThread) throw std::logic_error("visible() outside a modeled thread");
  Thread& th = threads_[running_];
  th.object = object;
  th.guard = &guard;
  th.status = Status::pending;
  waiting_.insert(running_);
  guarded_.insert(running_);
  Fiber::suspend();
}

void Execution::visible(ObjectId object, Access access) {
  if (running_ == kNoThread) throw std::logic_error("visible() outside a modeled thread");
  Thread& th = threads_[running_];
  th.object = object;
  th.guard = nullptr;
  th.ready = Readiness{access, kNoThread};
  pending_[running_] = Event{object, access};
  th.status = Status::pending;
  waiting_.insert(running_);
  Fiber::suspend();
}

uint32_t Execution::choose(uint32_t n, std::string_view tag) {
  if (n <= 1 || in_setup_) return 0;  // setup runs without fault injection
  const auto decision = static_cast<uint32_t>(trace_.schedule.size());
  const uint32_t v = strategy_->pick_value(n, decision);
  trace_.schedule.push_back(Decision::choice(v, tag));
  return v;
}

void Execution::report(FindingKind kind, std::string message, std::string site) {
  ThreadSet threads;
  if (running_ != kNoThread) threads.insert(running_);
  raise(kind, running_, threads, std::move(message), std::move(site));
}

void Execution::observe(std::string key) {
  if (record_steps_) {
    StepObservation o{.key = key, .step = current_step_, .thread = running_, .view = {}};
    if (describer_ != nullptr && running_ != kNoThread)
      o.view = describer_(running_, describer_arg_);
    step_observations_.push_back(std::move(o));
  }
  observations_.push_back(std::move(key));
}

void Execution::note(std::string text) {
  if (!record_steps_ || running_ == kNoThread) return;
  const int32_t at = last_step_[running_];
  if (at >= 0)
    steps_[static_cast<size_t>(at)].notes.push_back(std::move(text));
  else
    early_notes_[running_].push_back(std::move(text));
}

void Execution::record_step(ThreadId t, Event event, bool setup) {
  StepRecord step;
  step.thread = t;
  step.event = event;
  step.setup = setup;
  step.object = std::string(object_name(event.object));
  if (describer_ != nullptr) step.calls = describer_(t, describer_arg_).calls;
  step.notes = std::move(early_notes_[t]);
  early_notes_[t].clear();
  last_step_[t] = static_cast<int32_t>(steps_.size());
  steps_.push_back(std::move(step));
}

void Execution::record_held(ThreadId t) {
  if (describer_ != nullptr && last_step_[t] >= 0)
    steps_[static_cast<size_t>(last_step_[t])].held = describer_(t, describer_arg_).held;
}

FindingViews Execution::views_now() const {
  FindingViews v;
  ThreadSet started = spawned_.without(unstarted_);
  if (has_setup_ && !unstarted_.contains(kSetupThread)) started.insert(kSetupThread);
  for (ThreadId t : started) v.threads.emplace_back(t, describer_(t, describer_arg_));
  return v;
}

void Execution::raise(FindingKind kind, ThreadId thread, ThreadSet threads, std::string message,
                      std::string site) {
  if (record_steps_ && describer_ != nullptr) views_.push_back(views_now());
  Finding f;
  f.kind = kind;
  f.thread = thread;
  f.threads = threads;
  f.step = current_step_;
  f.message = std::move(message);
  f.site = std::move(site);
  findings_.push_back(std::move(f));
}

void Execution::stop_thread() {
  if (running_ == kNoThread) throw std::logic_error("stop_thread() outside a modeled thread");
  threads_[running_].status = Status::stopped;
  Fiber::suspend();
  std::abort();  // a stopped thread is never resumed
}

bool Execution::thread_done(ThreadId t) const {
  if (t >= kMaxThreads) return true;
  const Status s = threads_[t].status;
  return s == Status::finished || s == Status::stopped || s == Status::parked;
}

std::string Execution::names_of(ThreadSet threads) const {
  std::string out;
  for (ThreadId t : threads) {
    if (!out.empty()) out += ", ";
    out += "'";
    out += threads_[t].name;
    out += "'";
  }
  return out;
}

void Execution::begin() {
  arena_.reset();
  for (ThreadId t : spawned_) threads_[t] = Thread{};
  threads_[kSetupThread] = Thread{};
  spawned_ = ThreadSet{};
  waiting_ = ThreadSet{};
  guarded_ = ThreadSet{};
  unstarted_ = ThreadSet{};
  has_setup_ = false;
  in_setup_ = false;
  running_ = kNoThread;
  overflowed_ = kNoThread;
  object_count_ = 0;
  in_deadlock_ = ThreadSet{};
  trace_.clear();
  findings_.clear();
  observations_.clear();
  steps_.clear();
  describer_ = nullptr;
  describer_arg_ = nullptr;
  views_.clear();
  step_observations_.clear();
  operations_ = 0;
  current_step_ = 0;
  end_hooks_.clear();
}

void Execution::finish() {
  for (ThreadId t : spawned_ | ThreadSet(1u << kSetupThread)) {
    Thread& th = threads_[t];
    if (th.fiber != nullptr) pool_.release(th.fiber);
    th.fiber = nullptr;
  }
  arena_.reset();
}

bool Execution::resume(ThreadId t) {
  Thread& th = threads_[t];
  running_ = t;
  waiting_.erase(t);
  guarded_.erase(t);
  const bool ok = th.fiber->resume();
  running_ = kNoThread;
  if (!ok) {
    overflowed_ = t;
    return false;
  }
  if (th.fiber->finished()) th.status = Status::finished;
  return true;
}

bool Execution::start_unstarted() {
  for (;;) {
    // Starting a thread may spawn more (its code up to its first visible operation runs now).
    // Setup runs alone: the other threads start only once it is done.
    const ThreadSet setup(1u << kSetupThread);
    const ThreadSet todo = in_setup_ ? unstarted_ & setup : unstarted_.without(setup);
    if (todo.empty()) return true;
    const ThreadId t = todo.first();
    unstarted_.erase(t);
    Thread& th = threads_[t];
    th.fiber = pool_.acquire();
    th.fiber->reset(&Execution::thread_entry, &th);
    if (!resume(t)) return false;
  }
}

bool Execution::run_setup() {
  in_setup_ = true;
  Thread& th = threads_[kSetupThread];
  bool ok = start_unstarted();
  while (ok && th.status == Status::pending) {
    current_step_ = operations_;
    const Readiness r = th.guard != nullptr ? (*th.guard)() : th.ready;
    if (r.blocker == kSetupThread) {
      park_self_deadlocked(kSetupThread);
      break;
    }
    if (r.blocker != kNoThread) break;  // nothing else runs yet: cannot happen
    if (record_steps_) record_step(kSetupThread, {th.object, r.access}, true);
    current_step_ = operations_++;
    ok = resume(kSetupThread);
    if (ok && record_steps_) record_held(kSetupThread);
  }
  in_setup_ = false;
  return ok;
}

Execution::Runnable Execution::evaluate() {
  // A waiting thread without a guard can always run, its event already in pending_: only the
  // guards are asked again (the state they read may have changed at any step).
  Runnable out;
  out.enabled = waiting_.without(guarded_);
  for (ThreadId t : guarded_) {
    Thread& th = threads_[t];
    const Readiness r = (*th.guard)();
    th.ready = r;
    pending_[t] = Event{th.object, r.access, r.blocking};
    if (r.blocker == kNoThread) {
      out.enabled.insert(t);
    } else if (r.blocker == t) {
      park_self_deadlocked(t);
    } else {
      out.blocked.insert(t);
      if (r.blocker < kMaxThreads) out.blockers.insert(r.blocker);
    }
  }
  return out;
}

void Execution::park_self_deadlocked(ThreadId t) {
  Thread& th = threads_[t];
  const std::string object(object_name(th.object));
  raise(FindingKind::self_deadlock, t, ThreadSet(1u << t),
        "'" + std::string(th.name) + "' blocks on '" + object + "', which it already holds",
        std::string(th.name) + ":" + object);
  th.status = Status::parked;
  waiting_.erase(t);
  guarded_.erase(t);
}

void Execution::detect_cycles(ThreadSet blocked) {
  for (ThreadId b : blocked) {
    if (in_deadlock_.contains(b)) continue;
    bool cycle = false;
    ThreadId x = b;
    for (int hops = 0; hops < kMaxThreads; ++hops) {
      x = threads_[x].ready.blocker;
      if (x == b) {
        cycle = true;
        break;
      }
      if (x >= kMaxThreads || !blocked.contains(x) || in_deadlock_.contains(x)) break;
    }
    if (!cycle) continue;
    ThreadSet members;
    std::string waits;
    x = b;
    do {
      members.insert(x);
      const Thread& th = threads_[x];
      if (!waits.empty()) waits += ", ";
      waits += "'" + std::string(th.name) + "' waits for '" +
               std::string(threads_[th.ready.blocker].name) + "' on '" +
               std::string(object_name(th.object)) + "'";
      x = th.ready.blocker;
    } while (x != b);
    in_deadlock_ = in_deadlock_ | members;
    raise(FindingKind::deadlock, members.first(), members,
          "threads " + names_of(members) + " wait on each other: " + waits, names_of(members));
  }
}

void Execution::detect_global_deadlock(ThreadSet blocked) {
  ThreadSet culprits;
  std::string waits;
  for (ThreadId b : blocked) {
    if (in_deadlock_.contains(b)) continue;
    // Follow the wait-for chain: waiting on a reported deadlock, or only on a thread the model
    // stopped after an unhandled error, is not a new deadlock.
    ThreadId x = threads_[b].ready.blocker;
    for (int hops = 0;
         hops < kMaxThreads && x < kMaxThreads && blocked.contains(x) && !in_deadlock_.contains(x);
         ++hops)
      x = threads_[x].ready.blocker;
    if (x < kMaxThreads && (in_deadlock_.contains(x) || threads_[x].status == Status::stopped))
      continue;
    culprits.insert(b);
    const Thread& th = threads_[b];
    if (!waits.empty()) waits += ", ";
    waits += "'" + std::string(th.name) + "' waits for '" +
             std::string(thread_name(th.ready.blocker)) + "' on '" +
             std::string(object_name(th.object)) + "'";
  }
  if (culprits.empty()) return;
  in_deadlock_ = in_deadlock_ | culprits;
  raise(FindingKind::deadlock, culprits.first(), culprits,
        "no thread can run and " + names_of(culprits) + " wait forever: " + waits,
        names_of(culprits));
}

void Execution::record_event(ThreadId t, uint32_t decision) {
  Thread& th = threads_[t];
  const Event ev = pending_[t];
  const auto index = static_cast<uint32_t>(trace_.events.size());
  // Built whole, not value-initialized and then filled: that zeroing was a `rep stos` per step.
  ++th.seq;
  TraceEvent& te = trace_.events.emplace_back(TraceEvent{.thread = t,
                                                         .event = ev,
                                                         .seq = th.seq,
                                                         .decision = decision,
                                                         .prev = th.last,
                                                         .clock = clock_of(t)});
  te.clock.at[t] = te.seq;
  if (ev.object >= object_count_) throw std::out_of_range("visible() on an unknown object id");
  ObjectState& o = objects_[ev.object];
  // An event the clock already covers adds nothing: its own clock is below this one.
  const auto join = [&](size_t i) {
    const TraceEvent& e = trace_.events[i];
    if (!te.clock.covers(e.thread, e.seq)) te.clock.join(e.clock);
  };
  if (o.last_write >= 0) join(static_cast<size_t>(o.last_write));
  if (ev.access == Access::read) {
    o.reads.push_back(index);
  } else {
    for (uint32_t r : o.reads) join(r);
    o.reads.clear();
    o.last_write = static_cast<int32_t>(index);
  }
  th.last = static_cast<int32_t>(index);
}

const VectorClock& Execution::clock_of(ThreadId t) const {
  const int32_t last = threads_[t].last;
  return last >= 0 ? trace_.events[static_cast<size_t>(last)].clock : trace_.start[t];
}

void Execution::record_unfinished(ThreadSet threads) {
  for (ThreadId t : threads) {
    const Thread& th = threads_[t];
    TraceEvent& te = trace_.unfinished.emplace_back();
    te.thread = t;
    te.event = pending_[t];
    te.seq = th.seq + 1;
    te.decision = UINT32_MAX;
    te.prev = th.last;
    te.clock = clock_of(t);
    te.clock.at[t] = te.seq;
  }
}

ExecutionEnd Execution::run(const Program& program, Strategy& strategy, bool record_steps) {
  Execution* const outer = current_;
  current_ = this;
  begin();
  strategy_ = &strategy;
  record_steps_ = record_steps;
  // Read only while recording (note(), record_step(), record_held()).
  if (record_steps_) {
    last_step_.fill(-1);
    for (auto& notes : early_notes_) notes.clear();
  }
  program();

  ExecutionEnd end = ExecutionEnd::ended;
  if ((has_setup_ && !run_setup()) || !start_unstarted()) {
    end = ExecutionEnd::overflow;
  } else {
    ThreadId last = kNoThread;
    for (;;) {
      current_step_ = operations_;
      const auto [enabled, blocked, blockers] = evaluate();
      // A cycle needs a blocked thread that others wait for; most steps have none.
      if (!(blocked & blockers).empty()) detect_cycles(blocked);
      if (enabled.empty()) {
        if (!blocked.empty()) detect_global_deadlock(blocked);
        record_unfinished(blocked);
        break;
      }
      if (operations_ >= config_.max_steps) {
        raise(FindingKind::step_limit, kNoThread, enabled,
              "the execution exceeded " + std::to_string(config_.max_steps) + " steps while " +
                  names_of(enabled) +
                  " could still run: a retry loop that never makes progress (livelock), or a "
                  "scenario that needs more (raise --max-steps or bounds.max_steps)",
              "max_steps");
        end = ExecutionEnd::step_limit;
        record_unfinished(enabled | blocked);
        break;
      }
      SchedulingPoint point;
      point.enabled = enabled;
      point.last = last;
      point.last_enabled = last != kNoThread && enabled.contains(last);
      point.pending = &pending_;
      point.decision = static_cast<uint32_t>(trace_.schedule.size());
      point.step = operations_;
      const ThreadId t = strategy.pick_thread(point);
      if (t >= kMaxThreads || !enabled.contains(t)) {
        end = ExecutionEnd::abandoned;
        break;
      }
      trace_.schedule.push_back(Decision::thread(t));
      trace_.enabled.push_back(enabled);
      record_event(t, point.decision);
      if (record_steps_) record_step(t, pending_[t], false);
      current_step_ = operations_++;
      last = t;
      if (!resume(t) || (!unstarted_.empty() && !start_unstarted())) {
        end = ExecutionEnd::overflow;
        break;
      }
      if (record_steps_) record_held(t);
    }
  }
  if (end == ExecutionEnd::ended) {
    current_step_ = operations_;
    for (size_t i = 0; i < end_hooks_.size(); ++i) end_hooks_[i].fn(end_hooks_[i].arg);
  }
  strategy.end_execution(trace_, end);
  finish();
  current_ = outer;
  return end;
}

}  // namespace resvcheck::sched
