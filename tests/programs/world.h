// The shared state of one engine test program: plain variables, test mutexes and thread-private
// records, all in the execution's arena, plus what an execution computed, as text.
//
// The primitives follow the facade's rules: every access to a shared variable or mutex is one
// visible operation; a blocked lock is a disabled thread (guard with a blocker), not an event.
// An at_execution_end hook records, into sets the test owns:
//  - the execution's final state (variable values, and per thread: a digest of what it read, how
//    many operations it finished, whether it ended), so strategies can be compared by results;
//  - its Mazurkiewicz trace, as the lexicographic normal form of the events the primitives logged
//    (computed here, independently of the engine), so dpor can be checked to run each trace once.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>

#include "scheduler/facade.h"

namespace resvcheck::testprog {

/// What the executions of one or more explorations computed.
struct Outcomes {
  std::set<std::string> states;  // distinct final states, one line each
  std::set<std::string> traces;  // distinct traces: normal forms as thread ids, "0 1 1 0"
};

class World;

/// A plain shared variable.
struct Var {
  World* world = nullptr;
  sched::ObjectId id = 0;
  int64_t value = 0;
};

/// A test mutex: non-recursive, owner-tracked.
struct Mutex {
  World* world = nullptr;
  sched::ObjectId id = 0;
  sched::ThreadId owner = sched::kNoThread;
};

/// Thread-private record of one modeled thread (in the arena, so it survives the thread).
struct Local {
  sched::ThreadId tid = sched::kNoThread;
  int64_t acc = 0;        // a digest of what the thread read (and of its trylock results)
  int progress = 0;       // operations finished
  uint8_t held[16] = {};  // mutex indexes held, in acquisition order (random programs)
  int nheld = 0;
};

/// Blocking lock; a relock by the owner is the engine's self_deadlock.
void lock(Mutex* m);
/// A successful trylock is an acquire; a failed one (held, even by the caller) a read.
bool trylock(Mutex* m);
void unlock(Mutex* m);
/// A lock whose taking and dropping are plain writes, as the model's wound-wait mutexes are
/// (their class is one object): DPOR cannot tell the blocking write from any other.
void write_lock(Mutex* m);
void write_unlock(Mutex* m);
int64_t read(Var* v);
void write(Var* v, int64_t value);

/// Stable thread names "t0" … "t15" (spawn() needs names that outlive the execution).
std::string_view thread_label(int i);

/// The objects of one execution, created in a fixed order. Build it with sched::make<World>().
class World {
 public:
  // User-provided, so that make<World>() does not zero the object before the member
  // initializers do (twice ~5.5 KB an execution).
  World() {}  // NOLINT(modernize-use-equals-default)
  static constexpr int kMaxVars = 32;
  static constexpr int kMaxMutexes = 16;
  static constexpr int kMaxLocals = 16;
  static constexpr int kMaxLog = 256;

  Var* var(int64_t initial = 0);
  Mutex* mutex();
  Var* var_at(int i) { return &vars_[i]; }
  Mutex* mutex_at(int i) { return &mutexes_[i]; }

  /// Spawns thread "t<i>" (i = threads spawned so far) running `body(world, local)`.
  template <class F>
  sched::ThreadId spawn(F body) {
    Local* l = &locals_[nlocals_];
    World* w = this;
    std::string_view name = thread_label(nlocals_++);
    return sched::spawn(name, [w, l, body] {
      l->tid = sched::current_thread();
      body(w, l);
    });
  }

  /// Records this execution's state and trace into `out` (if not null) when it ends.
  void record_to(Outcomes* out);
  /// "v=<values> | t0:<acc>/<progress>/<done|blocked> ...".
  std::string state() const;
  /// The logged events' lexicographic normal form: always take next the lowest thread whose next
  /// event follows every earlier dependent event already taken.
  std::string trace() const;

  /// Called by the primitives after each visible operation.
  void log(sched::ObjectId object, sched::Access access);

 private:
  struct Logged {
    sched::ThreadId thread;
    sched::Event event;
  };
  std::array<Var, kMaxVars> vars_{};
  std::array<Mutex, kMaxMutexes> mutexes_{};
  std::array<Local, kMaxLocals> locals_{};
  std::array<Logged, kMaxLog> log_{};
  int nvars_ = 0;
  int nmutexes_ = 0;
  int nlocals_ = 0;
  int nlog_ = 0;
  bool log_overflow_ = false;
};

}  // namespace resvcheck::testprog
