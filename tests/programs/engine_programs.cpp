// Engine-level test programs (see engine_programs.h).
#include "tests/programs/engine_programs.h"

namespace resvcheck::testprog {

sched::Program independent(int n, int writes, Outcomes* out) {
  return [n, writes, out] {
    World* w = sched::make<World>();
    for (int i = 0; i < n; ++i) {
      Var* v = w->var();
      w->spawn([v, writes](World*, Local* l) {
        for (int k = 0; k < writes; ++k, ++l->progress) write(v, v->value + 1);
      });
    }
    w->record_to(out);
  };
}

sched::Program shared_writer(int n, Outcomes* out) {
  return [n, out] {
    World* w = sched::make<World>();
    Var* x = w->var();
    for (int i = 0; i < n; ++i)
      w->spawn([x, i](World*, Local* l) {
        write(x, i + 1);
        ++l->progress;
      });
    w->record_to(out);
  };
}

sched::Program lockinc(int n, LockIncOptions options, Outcomes* out) {
  return [n, options, out] {
    World* w = sched::make<World>();
    Var* counter = w->var();
    for (int i = 0; i < options.mutexes; ++i) w->mutex();
    for (int i = 0; i < n; ++i) {
      Mutex* m = w->mutex_at(i % options.mutexes);
      Var* own = options.own_write ? w->var() : nullptr;
      w->spawn([m, own, counter, options](World*, Local* l) {
        if (own != nullptr) write(own, 1);
        lock(m);
        ++l->progress;
        if (options.counter) {
          int64_t c = read(counter);
          write(counter, c + 1);
        }
        unlock(m);
        ++l->progress;
      });
    }
    w->record_to(out);
  };
}

sched::Program write_locks(Outcomes* out) {
  return [out] {
    World* w = sched::make<World>();
    Var* x = w->var();
    Mutex* m = w->mutex();
    w->spawn([x, m](World*, Local* l) {
      write(x, 1);
      write_lock(m);
      write_unlock(m);
      l->progress = 2;
    });
    w->spawn([m](World*, Local* l) {
      sched::visible(m->id, sched::Access::write);
      m->world->log(m->id, sched::Access::write);
      write_lock(m);
      write_unlock(m);
      l->progress = 2;
    });
    w->record_to(out);
  };
}

sched::Program readers(int n, int writers, Outcomes* out) {
  return [n, writers, out] {
    World* w = sched::make<World>();
    Var* x = w->var();
    for (int i = 0; i < writers; ++i)
      w->spawn([x, i](World*, Local* l) {
        write(x, i + 1);
        ++l->progress;
      });
    for (int i = 0; i < n; ++i)
      w->spawn([x](World*, Local* l) {
        l->acc = read(x);
        ++l->progress;
      });
    w->record_to(out);
  };
}

sched::Program lastzero(int n, bool full_scan, Outcomes* out) {
  return [n, full_scan, out] {
    World* w = sched::make<World>();
    for (int i = 0; i <= n; ++i) w->var();
    w->spawn([n, full_scan](World* w, Local* l) {
      int i = n;
      for (; i >= 0; --i, ++l->progress)
        if (read(w->var_at(i)) == 0 && !full_scan) break;
      l->acc = i;
    });
    for (int j = 1; j <= n; ++j)
      w->spawn([j](World* w, Local* l) {
        int64_t v = read(w->var_at(j - 1));
        ++l->progress;
        write(w->var_at(j), v + 1);
        ++l->progress;
      });
    w->record_to(out);
  };
}

namespace {

// Thread i of a lock cycle over k mutexes (0 .. k-1), optionally inside a global lock `g`.
sched::Program cycle(int k, bool serialized, Outcomes* out) {
  return [k, serialized, out] {
    World* w = sched::make<World>();
    for (int i = 0; i < k; ++i) w->mutex();
    Mutex* g = serialized ? w->mutex() : nullptr;
    for (int i = 0; i < k; ++i) {
      Mutex* a = w->mutex_at(i);
      Mutex* b = w->mutex_at((i + 1) % k);
      w->spawn([a, b, g](World*, Local* l) {
        if (g != nullptr) lock(g);
        lock(a);
        ++l->progress;
        lock(b);
        ++l->progress;
        unlock(b);
        unlock(a);
        if (g != nullptr) unlock(g);
        ++l->progress;
      });
    }
    w->record_to(out);
  };
}

}  // namespace

sched::Program lock_cycle(int k, Outcomes* out) { return cycle(k, false, out); }
sched::Program abba(Outcomes* out) { return cycle(2, false, out); }
sched::Program abba_serialized(Outcomes* out) { return cycle(2, true, out); }

sched::Program self_relock(bool shared, Outcomes* out) {
  return [shared, out] {
    World* w = sched::make<World>();
    Mutex* a = w->mutex();
    Mutex* b = w->mutex();
    Var* x = w->var();
    w->spawn([a](World*, Local* l) {
      lock(a);
      ++l->progress;
      lock(a);  // never returns
      ++l->progress;
    });
    Mutex* m = shared ? a : b;
    w->spawn([m, x](World*, Local* l) {
      write(x, 1);
      ++l->progress;
      lock(m);
      ++l->progress;
      unlock(m);
      ++l->progress;
    });
    w->record_to(out);
  };
}

sched::Program trylock_race(Outcomes* out) {
  return [out] {
    World* w = sched::make<World>();
    Var* x = w->var();
    Var* y = w->var();
    Mutex* m = w->mutex();
    w->spawn([x, y, m](World*, Local* l) {
      l->acc = read(x) * 100;
      bool first = trylock(m);
      l->acc += first ? 10 : 0;
      write(y, 1);
      if (first) unlock(m);
      bool second = trylock(m);
      l->acc += second ? 1 : 0;
      if (second) unlock(m);
      l->progress = 1;
    });
    w->spawn([x, y, m](World*, Local* l) {
      l->acc = read(y) * 10;
      lock(m);
      write(x, 1);
      l->acc += read(y);
      unlock(m);
      l->progress = 1;
    });
    w->record_to(out);
  };
}

sched::Program spin(bool setter, Outcomes* out) {
  return [setter, out] {
    World* w = sched::make<World>();
    Var* flag = w->var();
    w->spawn([flag](World*, Local* l) {
      while (read(flag) == 0) ++l->progress;
    });
    if (setter)
      w->spawn([flag](World*, Local* l) {
        write(flag, 1);
        ++l->progress;
      });
    w->record_to(out);
  };
}

namespace {

// Not inlinable into a loop: every level keeps a 1 KiB frame alive across the recursive call.
[[gnu::noinline]] int64_t recurse(int depth) {
  volatile char frame[1024];
  frame[0] = static_cast<char>(depth);
  if (depth == 0) return frame[0];
  return recurse(depth - 1) + frame[0];
}

}  // namespace

sched::Program deep_recursion(int depth) {
  return [depth] {
    World* w = sched::make<World>();
    Var* x = w->var();
    w->spawn([x, depth](World*, Local*) {
      write(x, 1);
      x->value = recurse(depth);
    });
  };
}

}  // namespace resvcheck::testprog
