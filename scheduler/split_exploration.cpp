#include "scheduler/split_exploration.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "scheduler/exploration_worker.h"
#include "scheduler/tree_search.h"
#include "scheduler/worker_budget.h"

namespace resvcheck::sched {

bool splittable(const Config& config) {
  // With no thread idle at the start, the sequential search (Optimal DPOR) does less work than
  // a split one could save.
  return config.helpers != nullptr && config.helpers->idle() > 0 && !config.preemption_bound &&
         (config.strategy == StrategyKind::dpor || config.strategy == StrategyKind::dfs);
}

namespace {

using Prefix = TreeSearch::Prefix;

class SplitExploration {
 public:
  SplitExploration(const Program& program, const Config& config)
      : program_(program),
        config_(config),
        mode_(config.strategy == StrategyKind::dfs ? TreeSearch::Mode::dfs
                                                   : TreeSearch::Mode::dpor),
        gathered_(program, config, stack_pool_for(config)) {
    queue_.emplace_back();  // the whole tree
  }

  ExplorationResult run() {
    work(/*caller=*/true);
    std::vector<std::thread> helpers;
    {
      const std::lock_guard lock(mutex_);
      helpers.swap(helpers_);
    }
    for (std::thread& h : helpers) h.join();
    ExplorationResult result;
    result.stats = stats_;
    result.stats.complete = !stopped_by_ && !error_;
    result.stats.preemption_bound = std::nullopt;
    result.stopped_by = stopped_by_.value_or("");
    result.error = error_;
    result.findings = gathered_.take_findings();
    result.observations = gathered_.take_observations();
    return result;
  }

 private:
  // One worker: takes subtrees until none is left, then adds what it found to the result.
  void work(bool caller) {
    ExplorationWorker worker(program_, config_);
    Prefix prefix;
    while (take(prefix)) {
      TreeSearch search(mode_, kSplitFrontier, std::move(prefix));
      ++worker.stats().subtrees;
      while (search.begin_execution() && explore_one(worker, search, caller)) {
        std::vector<Prefix> subtrees = search.take_subtrees();
        if (!subtrees.empty()) put(std::move(subtrees));
      }
      const std::lock_guard lock(mutex_);
      --active_;
      if (active_ == 0 && queue_.empty()) ready_.notify_all();
    }
    const std::lock_guard lock(mutex_);
    const Stats& s = worker.stats();
    stats_.executions += s.executions;
    stats_.redundant += s.redundant;
    stats_.steps += s.steps;
    stats_.subtrees += s.subtrees;
    stats_.max_depth = std::max(stats_.max_depth, s.max_depth);
    gathered_.merge(worker.witnesses());
  }

  // Runs one execution; false when the exploration must stop.
  bool explore_one(ExplorationWorker& worker, TreeSearch& search, bool caller) {
    // A slot is reserved before the run so that max_executions is never overshot.
    const uint64_t before = executions_.fetch_add(1);
    if (auto reason =
            halted_.load() ? std::optional<std::string>("") : stop_reason(config_, before)) {
      executions_.fetch_sub(1);
      if (!reason->empty()) stop(std::move(*reason), std::nullopt);
      return false;
    }
    const auto outcome = worker.run(search);
    if (outcome != ExplorationWorker::Outcome::complete) executions_.fetch_sub(1);
    if (outcome == ExplorationWorker::Outcome::failed) {
      stop("", worker.error());
      return false;
    }
    if (caller && config_.progress != nullptr) {
      const uint64_t done = executions_.load() / 1024;
      if (done > progress_reported_) {
        progress_reported_ = done;
        config_.progress(done * 1024, config_.progress_arg);
      }
    }
    return true;
  }

  void stop(std::string reason, const std::optional<std::string>& error) {
    const std::lock_guard lock(mutex_);
    if (!stopped_by_ && !error_) {
      if (error)
        error_ = error;
      else
        stopped_by_ = std::move(reason);
    }
    halted_ = true;
    ready_.notify_all();
  }

  // Waits for a subtree; false when there is none left (or the exploration stopped).
  bool take(Prefix& prefix) {
    std::unique_lock lock(mutex_);
    ++waiting_;
    ready_.wait(lock, [&] { return !queue_.empty() || active_ == 0 || stopped_by_ || error_; });
    --waiting_;
    if (queue_.empty() || stopped_by_ || error_) return false;
    prefix = std::move(queue_.front());
    queue_.pop_front();
    ++active_;
    invite_helpers();
    return true;
  }

  void put(std::vector<Prefix> subtrees) {
    const std::lock_guard lock(mutex_);
    if (stopped_by_ || error_) return;
    for (Prefix& p : subtrees) queue_.push_back(std::move(p));
    ready_.notify_all();
    invite_helpers();
  }

  // Borrows idle threads for subtrees no waiting worker will take (mutex_ held).
  void invite_helpers() {
    if (config_.helpers == nullptr) return;
    while (queue_.size() > waiting_ + starting_ && config_.helpers->try_take()) {
      ++starting_;
      helpers_.emplace_back([this] {
        {
          const std::lock_guard lock(mutex_);
          --starting_;
        }
        work(/*caller=*/false);
        config_.helpers->give();
      });
    }
  }

  const Program& program_;
  const Config& config_;
  const TreeSearch::Mode mode_;
  std::atomic<uint64_t> executions_{0};  // complete executions, over all workers
  std::atomic<bool> halted_{false};      // stopped_by_ or error_ is set
  uint64_t progress_reported_ = 0;       // caller only: thousands of executions reported

  std::mutex mutex_;  // guards everything below
  std::condition_variable ready_;
  std::deque<Prefix> queue_;  // subtrees not yet taken, in the order they were split off
  size_t active_ = 0;         // subtrees being explored
  size_t waiting_ = 0;        // workers waiting for a subtree
  size_t starting_ = 0;       // helpers invited, not yet looking for a subtree
  std::vector<std::thread> helpers_;
  std::optional<std::string> stopped_by_;
  std::optional<std::string> error_;
  Stats stats_;
  Witnesses gathered_;
};

}  // namespace

ExplorationResult explore_split(const Program& program, const Config& config) {
  return SplitExploration(program, config).run();
}

}  // namespace resvcheck::sched
