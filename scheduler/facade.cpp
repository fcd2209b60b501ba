// The facade forwards to the execution running on this OS thread.
#include "scheduler/facade.h"

#include <stdexcept>

#include "scheduler/execution.h"

namespace resvcheck::sched {
namespace {

Execution& exec() {
  Execution* e = Execution::current();
  if (e == nullptr) throw std::logic_error("engine facade used outside an execution");
  return *e;
}

}  // namespace

ThreadId current_thread() { return exec().current_thread(); }
std::string_view thread_name(ThreadId t) { return exec().thread_name(t); }
uint32_t current_step() { return exec().current_step(); }

ThreadId spawn(std::string_view name, void (*body)(void*), void* arg) {
  return exec().spawn(name, body, arg);
}

void spawn_setup(std::string_view name, void (*body)(void*), void* arg) {
  exec().spawn_setup(name, body, arg);
}

ObjectId new_object(std::string_view name) { return exec().new_object(name); }
std::string_view object_name(ObjectId id) { return exec().object_name(id); }

void visible(ObjectId object, Guard guard) { exec().visible(object, guard); }

void visible(ObjectId object, Access access) { exec().visible(object, access); }

uint32_t choose(uint32_t n, std::string_view tag) { return exec().choose(n, tag); }

void report(FindingKind kind, std::string message, std::string site) {
  exec().report(kind, std::move(message), std::move(site));
}

void observe(std::string key) { exec().observe(std::move(key)); }
bool recording() { return exec().recording(); }
void note(std::string text) { exec().note(std::move(text)); }
void describe_threads_with(Describer fn, void* arg) { exec().describe_threads_with(fn, arg); }
void stop_thread() { exec().stop_thread(); }
bool thread_done(ThreadId t) { return exec().thread_done(t); }

void at_execution_end(void (*fn)(void*), void* arg) { exec().at_end(fn, arg); }
void* arena_allocate(size_t size, size_t align) { return exec().arena().allocate(size, align); }
void arena_on_reset(void (*fn)(void*), void* obj) { exec().arena().on_reset(fn, obj); }

}  // namespace resvcheck::sched
