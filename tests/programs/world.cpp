// Test primitives over the facade, and what an execution computed (see world.h).
#include "tests/programs/world.h"

#include <cassert>
#include <vector>

namespace resvcheck::testprog {

using sched::Access;
using sched::Readiness;

void lock(Mutex* m) {
  sched::visible(m->id, [m] { return Readiness{Access::acquire, m->owner, true}; });
  m->owner = sched::current_thread();
  m->world->log(m->id, Access::acquire);
}

void write_lock(Mutex* m) {
  sched::visible(m->id, [m] { return Readiness{Access::write, m->owner}; });
  m->owner = sched::current_thread();
  m->world->log(m->id, Access::write);
}

void write_unlock(Mutex* m) {
  sched::visible(m->id, Access::write);
  m->owner = sched::kNoThread;
  m->world->log(m->id, Access::write);
}

bool trylock(Mutex* m) {
  sched::visible(m->id, [m] {
    return Readiness{m->owner == sched::kNoThread ? Access::acquire : Access::read,
                     sched::kNoThread};
  });
  bool ok = m->owner == sched::kNoThread;
  if (ok) m->owner = sched::current_thread();
  m->world->log(m->id, ok ? Access::acquire : Access::read);
  return ok;
}

void unlock(Mutex* m) {
  sched::visible(m->id, Access::release);
  m->owner = sched::kNoThread;
  m->world->log(m->id, Access::release);
}

int64_t read(Var* v) {
  sched::visible(v->id, Access::read);
  v->world->log(v->id, Access::read);
  return v->value;
}

void write(Var* v, int64_t value) {
  sched::visible(v->id, Access::write);
  v->world->log(v->id, Access::write);
  v->value = value;
}

std::string_view thread_label(int i) {
  static constexpr std::string_view kNames[] = {"t0",  "t1",  "t2",  "t3", "t4",  "t5",
                                                "t6",  "t7",  "t8",  "t9", "t10", "t11",
                                                "t12", "t13", "t14", "t15"};
  return kNames[i];
}

Var* World::var(int64_t initial) {
  assert(nvars_ < kMaxVars);
  Var* v = &vars_[nvars_++];
  *v = Var{this, sched::new_object(), initial};
  return v;
}

Mutex* World::mutex() {
  assert(nmutexes_ < kMaxMutexes);
  Mutex* m = &mutexes_[nmutexes_++];
  *m = Mutex{this, sched::new_object(), sched::kNoThread};
  return m;
}

void World::log(sched::ObjectId object, sched::Access access) {
  if (nlog_ == kMaxLog) {
    log_overflow_ = true;
    return;
  }
  log_[nlog_++] = Logged{sched::current_thread(), sched::Event{object, access}};
}

void World::record_to(Outcomes* out) {
  if (out == nullptr) return;
  World* w = this;
  sched::at_execution_end([w, out] {
    out->states.insert(w->state());
    out->traces.insert(w->trace());
  });
}

std::string World::state() const {
  std::string s = "v=";
  for (int i = 0; i < nvars_; ++i) {
    if (i > 0) s += ',';
    s += std::to_string(vars_[i].value);
  }
  s += " |";
  for (int i = 0; i < nlocals_; ++i) {
    const Local& l = locals_[i];
    s += ' ';
    s += thread_label(i);
    s += ':' + std::to_string(l.acc) + '/' + std::to_string(l.progress) + '/';
    s += sched::thread_done(l.tid) ? "done" : "blocked";
  }
  return s;
}

std::string World::trace() const {
  if (log_overflow_) return "overflow";
  std::vector<bool> taken(nlog_, false);
  // An event can come next when every earlier event of its thread, and every earlier event it
  // depends on, is taken; only a thread's first untaken event can qualify.
  auto ready = [&](int i) {
    for (int j = 0; j < i; ++j)
      if (!taken[j] &&
          (log_[j].thread == log_[i].thread || sched::dependent(log_[j].event, log_[i].event)))
        return false;
    return true;
  };
  std::string s;
  for (int emitted = 0; emitted < nlog_; ++emitted) {
    int pick = -1;
    for (int i = 0; i < nlog_; ++i)
      if (!taken[i] && (pick < 0 || log_[i].thread < log_[pick].thread) && ready(i)) pick = i;
    assert(pick >= 0);
    taken[pick] = true;
    if (!s.empty()) s += ' ';
    s += std::to_string(log_[pick].thread);
  }
  return s;
}

}  // namespace resvcheck::testprog
