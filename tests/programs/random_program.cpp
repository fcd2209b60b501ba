// Seeded random small programs (see random_program.h).
#include "tests/programs/random_program.h"

namespace resvcheck::testprog {

namespace {

// splitmix64: tiny, fully specified, identical everywhere.
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

constexpr const char* kKindNames[] = {"read", "write", "lock", "unlock", "trylock"};

bool holds(const Local* l, int m) {
  for (int i = 0; i < l->nheld; ++i)
    if (l->held[i] == m) return true;
  return false;
}

void forget(Local* l, int m) {
  int j = 0;
  for (int i = 0; i < l->nheld; ++i)
    if (l->held[i] != m) l->held[j++] = l->held[i];
  l->nheld = j;
}

void run_op(World* w, Local* l, const RandomOp& op, int index) {
  switch (op.kind) {
    case RandomOp::Kind::read:
      l->acc = (l->acc * 7 + read(w->var_at(op.target))) % 1009;
      break;
    case RandomOp::Kind::write:
      write(w->var_at(op.target), l->acc * 3 + 10 * (l->tid + 1) + index);
      break;
    case RandomOp::Kind::lock:
      if (holds(l, op.target)) return;
      lock(w->mutex_at(op.target));
      l->held[l->nheld++] = op.target;
      break;
    case RandomOp::Kind::unlock:
      if (!holds(l, op.target)) return;
      unlock(w->mutex_at(op.target));
      forget(l, op.target);
      break;
    case RandomOp::Kind::trylock: {
      bool ok = trylock(w->mutex_at(op.target));
      l->acc = l->acc * 2 + (ok ? 1 : 0);
      if (ok) l->held[l->nheld++] = op.target;
      break;
    }
  }
}

}  // namespace

RandomProgram random_program(uint64_t seed, const RandomShape& shape) {
  SplitMix rng(seed);
  auto between = [&rng](int lo, int hi) { return lo + rng.below(hi - lo + 1); };
  RandomProgram p;
  p.seed = seed;
  p.mutexes = between(1, shape.max_mutexes);
  p.variables = between(1, shape.max_variables);
  p.threads.resize(between(shape.min_threads, shape.max_threads));
  for (auto& ops : p.threads) {
    ops.resize(between(shape.min_ops, shape.max_ops));
    for (RandomOp& op : ops) {
      op.kind = static_cast<RandomOp::Kind>(rng.below(5));
      bool on_var = op.kind == RandomOp::Kind::read || op.kind == RandomOp::Kind::write;
      op.target = static_cast<uint8_t>(rng.below(on_var ? p.variables : p.mutexes));
    }
  }
  return p;
}

std::string RandomProgram::describe() const {
  std::string s = "seed " + std::to_string(seed) + ": m=" + std::to_string(mutexes) +
                  " v=" + std::to_string(variables);
  for (size_t t = 0; t < threads.size(); ++t) {
    s += " | t" + std::to_string(t) + ":";
    for (size_t i = 0; i < threads[t].size(); ++i) {
      const RandomOp& op = threads[t][i];
      bool on_var = op.kind == RandomOp::Kind::read || op.kind == RandomOp::Kind::write;
      s += (i == 0 ? " " : ", ");
      s += kKindNames[static_cast<int>(op.kind)];
      s += on_var ? " v" : " m";
      s += std::to_string(op.target);
    }
  }
  return s;
}

sched::Program program_of(const RandomProgram& p, Outcomes* out) {
  const RandomProgram* prog = &p;
  return [prog, out] {
    World* w = sched::make<World>();
    for (int i = 0; i < prog->variables; ++i) w->var();
    for (int i = 0; i < prog->mutexes; ++i) w->mutex();
    for (const auto& ops : prog->threads) {
      const std::vector<RandomOp>* list = &ops;
      w->spawn([list](World* w, Local* l) {
        for (size_t i = 0; i < list->size(); ++i, ++l->progress)
          run_op(w, l, (*list)[i], static_cast<int>(i));
        while (l->nheld > 0) unlock(w->mutex_at(l->held[--l->nheld]));
      });
    }
    w->record_to(out);
  };
}

}  // namespace resvcheck::testprog
