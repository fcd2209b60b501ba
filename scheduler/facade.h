// The engine as model code sees it: a handful of functions, valid while an execution runs (in the
// program's start function, in a modeled thread, or in an end-of-execution hook).
//
// Model rules that keep exploration sound and replay exact:
//  - every access to state shared between threads is preceded by visible(); state touched only
//    while holding a lock needs no event of its own;
//  - per-execution state lives in the execution's arena (make<T>), created in the same order in
//    every execution; threads keep no heap-owning locals across a visible() call (an abandoned
//    execution resets fiber stacks instead of unwinding them);
//  - nothing but choose() decides a value: no clocks, addresses or unordered iteration.
#pragma once

#include <cstddef>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "scheduler/event.h"
#include "scheduler/finding.h"
#include "scheduler/ids.h"
#include "scheduler/thread_view.h"

namespace resvcheck::sched {

/// The thread running now (kSetupThread during setup).
ThreadId current_thread();
/// The name a thread was spawned with.
std::string_view thread_name(ThreadId t);
/// Index of the visible operation being executed (the step findings are reported at).
uint32_t current_step();

/// Starts a thread; `name` must outlive the execution. From the program's start function or from
/// a running thread (the child then happens after the parent's current step). The new thread runs
/// at once up to its first visible operation.
ThreadId spawn(std::string_view name, void (*body)(void*), void* arg);
/// Runs `body` alone, as thread kSetupThread, before every spawned thread starts. Its steps are
/// not scheduling decisions. Only from the program's start function, at most once.
void spawn_setup(std::string_view name, void (*body)(void*), void* arg);

/// A new shared object id, dense in creation order. `name` (which must outlive the execution)
/// is how engine findings such as self_deadlock refer to it.
ObjectId new_object(std::string_view name = {});
std::string_view object_name(ObjectId id);

/// A choice point before a visible operation on `object`. Returns once the engine schedules the
/// operation; the code that follows, up to the next visible() call, is the operation's effect.
/// While `guard` reports a blocker the thread is disabled (a blocked attempt is not an event).
/// If the blocker is the calling thread itself, the engine reports self_deadlock and parks the
/// thread for good: visible() then never returns.
void visible(ObjectId object, Guard guard);
/// A visible operation that can always run.
void visible(ObjectId object, Access access);

/// A data choice in [0, n): injected faults and the like. Explored exhaustively by dfs and dpor;
/// never a preemption. `tag` names the choice in traces and must be a string literal.
uint32_t choose(uint32_t n, std::string_view tag);

/// Records a finding raised by the current thread (or by no thread, from an end hook).
void report(FindingKind kind, std::string message, std::string site);

/// Records that this execution showed `key` (a lock-order edge, say). Over an exploration the
/// engine counts, per key, the executions that showed it and keeps a witness chosen like a
/// finding's (ExplorationResult::observations).
void observe(std::string key);

/// Whether this execution is a replay recording its steps for people (explorer.h, replay()).
/// Model code builds notes and descriptions only then, so exploration pays nothing for them.
bool recording();
/// A note on the step being executed ("acquire bo.resv (NULL ctx)", "pages_use_count 0 -> 1");
/// ignored unless recording().
void note(std::string text);
/// Registers how a replay describes a thread's calls and held locks, at each step and at each
/// finding. From the program's start function; `arg` must outlive the execution.
void describe_threads_with(Describer fn, void* arg);

/// Ends the current thread here (after an unhandled error): it counts as exited; nothing after
/// this call runs. Threads waiting only on a stopped thread are not a deadlock.
[[noreturn]] void stop_thread();

/// Whether the thread finished its body, was stopped, or is parked in a self-deadlock.
bool thread_done(ThreadId t);

/// Runs `fn(arg)` when the execution ends normally (not cut as redundant or by step_limit), in
/// registration order, outside any thread. Hooks may call report(). The engine re-runs some
/// executions (witness selection, the determinism check): a hook that records outcomes should
/// record them in a set.
void at_execution_end(void (*fn)(void*), void* arg);

/// Raw storage in the execution's arena, freed when the execution ends.
void* arena_allocate(size_t size, size_t align);
/// Registers a destructor to run (in reverse order of registration) when the execution ends.
void arena_on_reset(void (*fn)(void*), void* obj);

/// Constructs a T in the execution's arena; it is destroyed when the execution ends.
template <class T, class... Args>
T* make(Args&&... args) {
  T* p = new (arena_allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  if constexpr (!std::is_trivially_destructible_v<T>)
    arena_on_reset([](void* o) { static_cast<T*>(o)->~T(); }, p);
  return p;
}

/// spawn() for any callable; the callable is copied into the arena.
template <class F>
ThreadId spawn(std::string_view name, F f) {
  F* stored = make<F>(std::move(f));
  return spawn(
      name, [](void* a) { (*static_cast<F*>(a))(); }, stored);
}

template <class F>
void spawn_setup(std::string_view name, F f) {
  F* stored = make<F>(std::move(f));
  spawn_setup(
      name, [](void* a) { (*static_cast<F*>(a))(); }, stored);
}

template <class F>
void at_execution_end(F f) {
  F* stored = make<F>(std::move(f));
  at_execution_end([](void* a) { (*static_cast<F*>(a))(); }, stored);
}

}  // namespace resvcheck::sched
