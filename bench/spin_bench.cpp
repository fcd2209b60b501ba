// resvcheck side by side with SPIN, in the same run, on models written in both forms: the Promela
// models in bench/spin/ and, here, engine programs against the scheduler facade (scheduler/
// facade.h) with the same primitives, the same steps and the same checks. Like with like: both
// sides model plain mutexes and a wait-die ww_mutex at the same abstraction (one atomic step per
// lock, unlock, load or store), not resvcheck's kernel model (scenario files model dma_resv,
// lockdep and the helpers too, which Promela models here do not).
//
// Per model: the verdict of each tool, resvcheck's time (dpor, unbounded, in-process, explores
// every class: it has no stop-at-first-finding mode) and SPIN's (pan stops at the first error,
// its default), SPIN end to end (spin -a, cc -O2 -DSAFETY pan.c, ./pan) and without the compile
// step (spin -a + ./pan), the ratios resvcheck / SPIN, and each side's peak RSS (resvcheck runs
// each model in a forked child, pan is a child: wait4's ru_maxrss). Times are the median of
// --repeat runs. Printed, never asserted on: timings depend on the machine and its load. The exit
// status is 1 only if a verdict differs from the expected one.
//
// Usage: spin_bench [--quick] [--repeat N] [--spin-dir DIR] [--work DIR] [--cc CC]
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scheduler/explorer.h"
#include "scheduler/facade.h"

#ifndef RESVCHECK_SPIN_DIR
#define RESVCHECK_SPIN_DIR "bench/spin"
#endif

using namespace resvcheck;
using sched::Access;
using sched::ObjectId;
using sched::Readiness;
using sched::ThreadId;

namespace {

// ---------------------------------------------------------------------------------------------
// The engine programs: the resvcheck form of bench/spin/*.pml.

constexpr std::string_view kNames[] = {"t1", "t2",  "t3",  "t4",  "t5",  "t6",  "t7", "t8",
                                       "t9", "t10", "t11", "t12", "t13", "t14", "t15"};

// mutex.h: a non-recursive mutex; a blocked lock is a disabled thread waiting on the owner.
struct Mtx {
  ObjectId id = 0;
  ThreadId owner = sched::kNoThread;
};

void lock(Mtx* m) {
  sched::visible(m->id, [m] { return Readiness{Access::acquire, m->owner, true}; });
  m->owner = sched::current_thread();
}

void unlock(Mtx* m) {
  sched::visible(m->id, Access::release);
  if (m->owner != sched::current_thread())
    sched::report(sched::FindingKind::unlock_not_held, "unlock of a mutex not held", "unlock");
  m->owner = sched::kNoThread;
}

// abba.pml / abba_ordered.pml
sched::Program abba(bool ordered) {
  return [ordered] {
    struct State {
      Mtx a, b;
    };
    State* s = sched::make<State>();
    s->a.id = sched::new_object("a");
    s->b.id = sched::new_object("b");
    sched::spawn(kNames[0], [s] {
      lock(&s->a);
      lock(&s->b);
      unlock(&s->b);
      unlock(&s->a);
    });
    Mtx* first = ordered ? &s->a : &s->b;
    Mtx* second = ordered ? &s->b : &s->a;
    sched::spawn(kNames[1], [first, second] {
      lock(first);
      lock(second);
      unlock(second);
      unlock(first);
    });
  };
}

// lockinc.pml: n threads, each lock; c = counter; counter = c + 1; unlock. Final counter == n.
sched::Program lockinc(int n) {
  return [n] {
    struct State {
      Mtx m;
      ObjectId counter_id = 0;
      int counter = 0;
    };
    State* s = sched::make<State>();
    s->m.id = sched::new_object("m");
    s->counter_id = sched::new_object("counter");
    for (int i = 0; i < n; ++i)
      sched::spawn(kNames[i], [s] {
        lock(&s->m);
        sched::visible(s->counter_id, Access::read);
        int c = s->counter;
        sched::visible(s->counter_id, Access::write);
        s->counter = c + 1;
        unlock(&s->m);
      });
    sched::at_execution_end([s, n] {
      if (s->counter != n)
        sched::report(sched::FindingKind::final_state, "counter != n", "lockinc");
    });
  };
}

// wait_die.pml / wait_die_no_backoff.pml
constexpr int kEdeadlk = 1;

struct WaitDie {
  struct Ww {
    ObjectId id = 0;
    int owner = 0;  // transaction 1..2, 0 = free
    ThreadId owner_thread = sched::kNoThread;
  };
  Ww m[2];
  int stamp[3] = {};
  ObjectId stamp_id = 0;
  int next_stamp = 0;
  ObjectId done_id = 0;
  int done = 0;
};

// ww_mutex_lock(m, ctx): waits on a held mutex, except that a context holding a lock dies
// (-EDEADLK, a failed attempt: a read of the mutex) when the holder is older.
int ww_lock(WaitDie* s, int mi, int me, int held) {
  WaitDie::Ww* m = &s->m[mi];
  auto dies = [s, m, me, held] { return held > 0 && s->stamp[m->owner] < s->stamp[me]; };
  sched::visible(m->id, [m, &dies] {
    if (m->owner == 0) return Readiness{Access::acquire, sched::kNoThread};
    if (dies()) return Readiness{Access::read, sched::kNoThread};
    return Readiness{Access::acquire, m->owner_thread};
  });
  if (m->owner != 0) return kEdeadlk;
  m->owner = me;
  m->owner_thread = sched::current_thread();
  return 0;
}

void ww_lock_slow(WaitDie* s, int mi, int me) {
  WaitDie::Ww* m = &s->m[mi];
  sched::visible(m->id, [m] {
    return Readiness{Access::acquire, m->owner == 0 ? sched::kNoThread : m->owner_thread};
  });
  m->owner = me;
  m->owner_thread = sched::current_thread();
}

void ww_unlock(WaitDie* s, int mi, int me) {
  WaitDie::Ww* m = &s->m[mi];
  sched::visible(m->id, Access::release);
  if (m->owner != me)
    sched::report(sched::FindingKind::unlock_not_held, "ww_unlock of a mutex not held", "unlock");
  m->owner = 0;
  m->owner_thread = sched::kNoThread;
}

void transaction(WaitDie* s, int me, int first, int second, bool backoff) {
  sched::visible(s->stamp_id, Access::write);  // ww_acquire_init
  s->stamp[me] = ++s->next_stamp;
  bool hf = false;
  bool hs = false;
  if (ww_lock(s, first, me, 0) != 0)
    sched::report(sched::FindingKind::final_state, "an empty context died", "tx");
  hf = true;
  for (;;) {
    if (ww_lock(s, second, me, hf + hs) == 0) {
      hs = true;
      break;
    }
    if (!backoff) {
      ww_lock_slow(s, second, me);  // still holding first
      hs = true;
      break;
    }
    ww_unlock(s, first, me);
    hf = false;
    ww_lock_slow(s, second, me);
    hs = true;
    if (ww_lock(s, first, me, hf + hs) == 0) {
      hf = true;
      break;
    }
    ww_unlock(s, second, me);  // died on first: it becomes the contended one
    hs = false;
    ww_lock_slow(s, first, me);
    hf = true;
  }
  if (s->m[first].owner != me || s->m[second].owner != me)
    sched::report(sched::FindingKind::final_state, "both locks not held", "tx");
  ww_unlock(s, second, me);
  ww_unlock(s, first, me);
  sched::visible(s->done_id, Access::write);  // ww_acquire_fini
  ++s->done;
}

sched::Program wait_die(bool backoff) {
  return [backoff] {
    WaitDie* s = sched::make<WaitDie>();
    s->m[0].id = sched::new_object("a");
    s->m[1].id = sched::new_object("b");
    s->stamp_id = sched::new_object("stamp");
    s->done_id = sched::new_object("done");
    sched::spawn(kNames[0], [s, backoff] { transaction(s, 1, 0, 1, backoff); });
    sched::spawn(kNames[1], [s, backoff] { transaction(s, 2, 1, 0, backoff); });
    sched::at_execution_end([s] {
      if (sched::thread_done(0) && sched::thread_done(1) && s->done != 2)
        sched::report(sched::FindingKind::final_state, "done != 2", "wait_die");
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement.

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct EngineRun {
  double seconds = 0;
  unsigned long long executions = 0;
  unsigned long long steps = 0;
  int complete = 0;
  int error = 0;
  char verdict[96] = {};
  long maxrss_kib = 0;
};

// Explores `program` with dpor in a forked child (so that its peak RSS is its own).
EngineRun run_engine(const sched::Program& program) {
  int fds[2];
  if (pipe(fds) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    sched::Config c;
    c.strategy = sched::StrategyKind::dpor;
    c.max_executions = 1'000'000'000'000;
    c.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(300);
    EngineRun r;
    double start = now_seconds();
    sched::ExplorationResult res = sched::explore(program, c);
    r.seconds = now_seconds() - start;
    r.executions = res.stats.executions;
    r.steps = res.stats.steps;
    r.complete = res.stats.complete;
    r.error = res.error.has_value();
    std::string v;
    for (const sched::KindSummary& k : res.findings)
      v += (v.empty() ? "" : ",") + std::string(sched::finding_kind_name(k.kind));
    if (v.empty()) v = "clean";
    if (r.error) v = "error";
    std::snprintf(r.verdict, sizeof r.verdict, "%s", v.c_str());
    ssize_t n = write(fds[1], &r, sizeof r);
    _exit(n == static_cast<ssize_t>(sizeof r) ? 0 : 1);
  }
  close(fds[1]);
  EngineRun r;
  ssize_t got = read(fds[0], &r, sizeof r);
  close(fds[0]);
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  if (got != static_cast<ssize_t>(sizeof r)) std::snprintf(r.verdict, sizeof r.verdict, "crash");
  r.maxrss_kib = ru.ru_maxrss;
  return r;
}

struct Child {
  int status = -1;
  double seconds = 0;
  long maxrss_kib = 0;
};

// Runs argv in `dir`, stdout and stderr to `out`.
Child run_child(const std::vector<std::string>& argv, const std::string& dir,
                const std::string& out) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::fflush(stdout);
  double start = now_seconds();
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(126);
    int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  Child c;
  rusage ru{};
  wait4(pid, &c.status, 0, &ru);
  c.seconds = now_seconds() - start;
  c.maxrss_kib = ru.ru_maxrss;
  return c;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool ok(const Child& c) { return WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0; }

struct SpinRun {
  double spin_s = 0, cc_s = 0, pan_s = 0;
  double pan_small_s = 0;  // ./pan -w18: a 2^18-slot hash table instead of the default 2^24
  std::string verdict;
  std::string states;
  long pan_maxrss_kib = 0;
};

SpinRun run_spin(const std::string& model_path, const std::vector<std::string>& defines,
                 const std::string& dir, const std::string& cc) {
  SpinRun r;
  std::vector<std::string> spin = {"spin"};
  spin.insert(spin.end(), defines.begin(), defines.end());
  spin.push_back("-a");
  spin.push_back(model_path);
  Child a = run_child(spin, dir, dir + "/spin.out");
  if (!ok(a)) {
    r.verdict = "spin -a failed";
    return r;
  }
  Child b = run_child({cc, "-O2", "-DSAFETY", "-o", "pan", "pan.c"}, dir, dir + "/cc.out");
  if (!ok(b)) {
    r.verdict = "cc failed";
    return r;
  }
  // -n: no unreached-code listing; -m: search depth, far above any model here.
  Child p = run_child({"./pan", "-n", "-m1000000"}, dir, dir + "/pan.out");
  r.spin_s = a.seconds;
  r.cc_s = b.seconds;
  r.pan_s = p.seconds;
  r.pan_maxrss_kib = p.maxrss_kib;
  r.pan_small_s =
      run_child({"./pan", "-n", "-m1000000", "-w18"}, dir, dir + "/pan-w18.out").seconds;
  std::string out = slurp(dir + "/pan.out");
  size_t e = out.find("errors: ");
  if (e == std::string::npos) {
    r.verdict = "pan failed";
  } else if (std::atoi(out.c_str() + e + 8) == 0) {
    r.verdict = "clean";
  } else if (out.find("invalid end state") != std::string::npos) {
    r.verdict = "deadlock";
  } else if (out.find("assertion violated") != std::string::npos) {
    r.verdict = "assert";
  } else {
    r.verdict = "error";
  }
  size_t s = out.find(" states, stored");
  if (s != std::string::npos) {
    size_t b0 = out.rfind('\n', s);
    std::string num = out.substr(b0 + 1, s - b0 - 1);
    num.erase(0, num.find_first_not_of(' '));
    r.states = num;
  }
  return r;
}

struct Model {
  std::string name;
  std::string pml;
  std::vector<std::string> defines;
  sched::Program program;
  std::string expect_resvcheck;  // finding kinds, comma-joined, or clean
  std::string expect_spin;       // deadlock or clean
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  int repeat = 3;
  std::string spin_dir = RESVCHECK_SPIN_DIR;
  std::string work;
  std::string cc = "cc";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quick") {
      quick = true;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--spin-dir" && i + 1 < argc) {
      spin_dir = argv[++i];
    } else if (a == "--work" && i + 1 < argc) {
      work = argv[++i];
    } else if (a == "--cc" && i + 1 < argc) {
      cc = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: spin_bench [--quick] [--repeat N] [--spin-dir DIR] [--work DIR] "
                   "[--cc CC]\n");
      return 2;
    }
  }
  if (quick) repeat = 1;
  if (work.empty()) {
    char tmpl[] = "/tmp/resvcheck-spin-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
      std::perror("mkdtemp");
      return 2;
    }
    work = tmpl;
  }
  char abs[4096];
  if (realpath(spin_dir.c_str(), abs) == nullptr) {
    std::fprintf(stderr, "spin_bench: no Promela models at %s\n", spin_dir.c_str());
    return 2;
  }
  spin_dir = abs;

  std::vector<Model> models = {
      {"abba", "abba.pml", {}, abba(false), "deadlock", "deadlock"},
      {"abba-ordered", "abba_ordered.pml", {}, abba(true), "clean", "clean"},
      {"lockinc N=4", "lockinc.pml", {"-DN=4"}, lockinc(4), "clean", "clean"},
      {"lockinc N=6", "lockinc.pml", {"-DN=6"}, lockinc(6), "clean", "clean"},
      {"wait-die backoff", "wait_die.pml", {}, wait_die(true), "clean", "clean"},
      {"wait-die no backoff",
       "wait_die_no_backoff.pml",
       {},
       wait_die(false),
       "deadlock",
       "deadlock"},
  };
  if (!quick)
    models.push_back({"lockinc N=8", "lockinc.pml", {"-DN=8"}, lockinc(8), "clean", "clean"});

  std::printf("resvcheck (dpor, engine programs) vs SPIN %s; median of %d run(s); work dir %s\n",
              "(spin -a; cc -O2 -DSAFETY pan.c; ./pan -n -m1000000)", repeat, work.c_str());
  std::printf(
      "times in ms; e2e = spin -a + cc + pan; no-cc = spin -a + pan; ratio = resvcheck "
      "/ SPIN (< 1: resvcheck faster)\n\n");
  std::printf("%-20s %-9s %-9s %8s %9s %10s %9s %9s %8s %9s %9s %9s %8s %10s %9s\n", "model",
              "resvcheck", "spin", "execs", "states", "resvcheck", "spin e2e", "spin nocc", "pan",
              "r/e2e", "r/nocc", "cc", "pan w18", "rss resv", "rss pan");
  std::printf("%s\n", std::string(158, '-').c_str());

  int mismatches = 0;
  long largest_rss_resv = 0, largest_rss_pan = 0;
  std::string largest_name;
  unsigned long long largest_work = 0;
  for (const Model& m : models) {
    std::vector<double> tr, te2e, tnocc, tpan, tcc, tsmall;
    EngineRun er;
    SpinRun sr;
    std::string dir = work + "/" + m.pml + (m.defines.empty() ? "" : m.defines[0]);
    mkdir(dir.c_str(), 0755);
    for (int i = 0; i < repeat; ++i) {
      er = run_engine(m.program);
      tr.push_back(er.seconds);
      sr = run_spin(spin_dir + "/" + m.pml, m.defines, dir, cc);
      te2e.push_back(sr.spin_s + sr.cc_s + sr.pan_s);
      tnocc.push_back(sr.spin_s + sr.pan_s);
      tpan.push_back(sr.pan_s);
      tcc.push_back(sr.cc_s);
      tsmall.push_back(sr.pan_small_s);
    }
    double r = median(tr), e2e = median(te2e), nocc = median(tnocc);
    bool agree = er.verdict == m.expect_resvcheck && sr.verdict == m.expect_spin;
    if (!agree) ++mismatches;
    std::string rv = er.verdict;
    if (!er.complete) rv += "(incomplete)";
    std::printf(
        "%-20s %-9s %-9s %8llu %9s %10.2f %9.1f %9.1f %8.2f %9.3f %9.3f %9.1f %8.2f %9ldK "
        "%8ldK%s\n",
        m.name.c_str(), rv.c_str(), sr.verdict.c_str(), er.executions, sr.states.c_str(), r * 1e3,
        e2e * 1e3, nocc * 1e3, median(tpan) * 1e3, e2e > 0 ? r / e2e : 0, nocc > 0 ? r / nocc : 0,
        median(tcc) * 1e3, median(tsmall) * 1e3, er.maxrss_kib, sr.pan_maxrss_kib,
        agree ? "" : "  <- unexpected verdict");
    if (er.steps >= largest_work) {
      largest_work = er.steps;
      largest_name = m.name;
      largest_rss_resv = er.maxrss_kib;
      largest_rss_pan = sr.pan_maxrss_kib;
    }
  }
  std::printf(
      "\nverdicts: resvcheck 'deadlock' = the engine's deadlock finding; SPIN 'deadlock' = pan's "
      "invalid end state.\nresvcheck explores every class (no stop at the first finding); pan "
      "stops at its first error.\npan w18: ./pan -w18 alone (a 2^18-slot hash table; the default "
      "2^24 one, allocated and cleared up front, dominates pan's time and RSS on these models).\n"
      "peak RSS of the largest benchmark (%s): resvcheck %ld KiB "
      "(forked "
      "child, includes the parent's pages), pan %ld KiB\n",
      largest_name.c_str(), largest_rss_resv, largest_rss_pan);
  if (mismatches) std::printf("%d model(s) with an unexpected verdict\n", mismatches);
  return mismatches ? 1 : 0;
}
