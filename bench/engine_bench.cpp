// Engine throughput and reduction figures on the engine test programs: complete executions,
// redundant ones, executions per second, nanoseconds per scheduled step (wall time / stats.steps),
// and how many times fewer executions dpor needs than dfs where dfs finishes. Printed, never
// asserted on: timings depend on the machine.
//
// Then the scaling of one unbounded exploration split into subtrees (split_exploration.h) over
// one and two OS threads, and the peak RSS of the whole run.
//
// Usage: engine_bench [--quick]   (--quick: smaller dfs budget, for smoke runs)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "scheduler/explorer.h"
#include "scheduler/worker_budget.h"
#include "tests/programs/engine_programs.h"

using namespace resvcheck;
using namespace resvcheck::testprog;

namespace {

struct Case {
  std::string name;
  sched::Program program;
  bool with_dfs;  // also run dfs (bounded by the deadline) for the reduction factor
  std::optional<uint32_t> bound;
};

struct Run {
  sched::ExplorationResult result;
  double seconds = 0;
};

Run run(const sched::Program& p, sched::StrategyKind strategy, std::optional<uint32_t> bound,
        std::chrono::seconds budget, sched::WorkerBudget* helpers = nullptr) {
  sched::Config c;
  c.helpers = helpers;
  c.strategy = strategy;
  c.preemption_bound = bound;
  c.max_executions = 1'000'000'000'000;  // the deadline is the only budget
  c.deadline = std::chrono::steady_clock::now() + budget;
  auto start = std::chrono::steady_clock::now();
  Run r;
  r.result = sched::explore(p, c);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

void print_row(const std::string& name, const char* strategy, const Run& r,
               const std::string& reduction) {
  const sched::Stats& s = r.result.stats;
  double per_sec = r.seconds > 0 ? static_cast<double>(s.executions) / r.seconds : 0;
  double ns_step = s.steps > 0 ? r.seconds * 1e9 / static_cast<double>(s.steps) : 0;
  std::string status = r.result.error ? "error" : s.complete ? "complete" : r.result.stopped_by;
  std::printf("%-24s %-5s %12llu %10llu %12llu %10.1f %12.0f %9.1f  %-10s %s\n", name.c_str(),
              strategy, static_cast<unsigned long long>(s.executions),
              static_cast<unsigned long long>(s.redundant),
              static_cast<unsigned long long>(s.steps), r.seconds * 1e3, per_sec, ns_step,
              status.c_str(), reduction.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  auto dfs_budget = std::chrono::seconds(quick ? 2 : 30);

  const std::vector<Case> cases = {
      {"lockinc(7)", lockinc(7), false, std::nullopt},
      {"lockinc(5)", lockinc(5), true, std::nullopt},
      {"lockinc(5, own write)", lockinc(5, {.own_write = true}), true, std::nullopt},
      {"readers(12)", readers(12), false, std::nullopt},
      {"readers(7)", readers(7), true, std::nullopt},
      {"lastzero(10)", lastzero(10), false, std::nullopt},
      {"lastzero(4)", lastzero(4), true, std::nullopt},
      {"lastzero(5)", lastzero(5), true, std::nullopt},
      {"independent(6)", independent(6), true, std::nullopt},
      {"lock_cycle(4)", lock_cycle(4), true, std::nullopt},
      {"lastzero(6) bound 2", lastzero(6), true, 2},
      {"lockinc(6, 2 mtx) b1", lockinc(6, {.mutexes = 2}), true, 1},
  };

  std::printf("%-24s %-5s %12s %10s %12s %10s %12s %9s  %-10s %s\n", "program", "strat",
              "executions", "redundant", "steps", "wall ms", "exec/s", "ns/step", "status",
              "dfs/dpor");
  std::printf("%s\n", std::string(124, '-').c_str());
  for (const Case& c : cases) {
    Run d = run(c.program, sched::StrategyKind::dpor, c.bound, std::chrono::seconds(120));
    if (!c.with_dfs) {
      print_row(c.name, "dpor", d, "");
      continue;
    }
    Run f = run(c.program, sched::StrategyKind::dfs, c.bound, dfs_budget);
    std::string reduction = "-";
    if (d.result.stats.complete && f.result.stats.complete && d.result.stats.executions > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1fx",
                    static_cast<double>(f.result.stats.executions) /
                        static_cast<double>(d.result.stats.executions));
      reduction = buf;
    }
    print_row(c.name, "dpor", d, reduction);
    print_row(c.name, "dfs", f, "");
  }

  // --jobs 1 is the sequential search; --jobs 2 splits it into subtrees over two OS threads.
  std::printf("\n%-24s %5s %12s %10s %10s %12s %9s  %s\n", "split exploration", "jobs",
              "executions", "redundant", "prefixes", "wall ms", "exec/s", "speedup");
  std::printf("%s\n", std::string(100, '-').c_str());
  const std::vector<std::pair<std::string, sched::Program>> scaling = {
      {"lockinc(8)", lockinc(8)},
      {"lastzero(10)", lastzero(10)},
      {"readers(12)", readers(12)},
  };
  for (const auto& [name, program] : scaling) {
    double one = 0;
    for (uint32_t jobs : {1u, 2u}) {
      sched::WorkerBudget idle(jobs - 1);
      const Run r = run(program, sched::StrategyKind::dpor, std::nullopt, std::chrono::seconds(120),
                        jobs > 1 ? &idle : nullptr);
      const sched::Stats& s = r.result.stats;
      const double per_sec = static_cast<double>(s.executions) / r.seconds;
      if (jobs == 1) one = per_sec;
      std::printf("%-24s %5u %12llu %10llu %10llu %12.1f %9.0f  %.2fx\n", name.c_str(), jobs,
                  static_cast<unsigned long long>(s.executions),
                  static_cast<unsigned long long>(s.redundant),
                  static_cast<unsigned long long>(s.subtrees), r.seconds * 1e3, per_sec,
                  per_sec / one);
    }
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("\npeak RSS of engine_bench: %.1f MiB\n",
              static_cast<double>(usage.ru_maxrss) / 1024);
  return 0;
}
