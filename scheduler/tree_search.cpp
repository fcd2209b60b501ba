#include "scheduler/tree_search.h"

#include <algorithm>

#include "scheduler/replay_strategy.h"

namespace resvcheck::sched {

TreeSearch::TreeSearch(Mode mode, std::optional<uint32_t> preemption_bound)
    : mode_(mode), bound_(preemption_bound) {}

TreeSearch::TreeSearch(Mode mode, uint32_t frontier, Prefix prefix)
    : mode_(mode), stack_(std::move(prefix)), frontier_(frontier) {
  frozen_ = stack_.size();
  branch_ = stack_.empty() ? 0 : stack_.size() - 1;
}

namespace {

bool branching(const TreeSearch::Node& n) {
  return n.is_value ? n.n > 1 : n.enabled.without(n.sleep).size() > 1;
}

}  // namespace

void TreeSearch::split_top() {
  split_ = true;
  size_t top = 0;
  for (uint32_t seen = 0; top < stack_.size() && seen < frontier_; ++top)
    if (branching(stack_[top])) ++seen;
  for (size_t i = frozen_; i < top; ++i) {
    const Node& n = stack_[i];
    const auto branch = [&](const auto& set_choice) {
      Prefix& p = subtrees_.emplace_back(stack_.begin(), stack_.begin() + static_cast<long>(i) + 1);
      set_choice(p.back());
    };
    if (n.is_value) {
      for (uint32_t v = n.value + 1; v < n.n; ++v) branch([v](Node& b) { b.value = v; });
      continue;
    }
    ThreadSet done = n.done;
    for (ThreadId t : n.enabled.without(n.sleep).without(n.done)) {
      done.insert(t);
      branch([t, done](Node& b) {
        b.chosen = t;
        b.done = done;
      });
    }
  }
  frozen_ = std::max(frozen_, top);
}

bool TreeSearch::begin_execution() {
  if (!started_) {
    started_ = true;
    return true;
  }
  return !finished_;
}

ThreadSet TreeSearch::sleep_after(const Node& n, ThreadId t, const SchedulingPoint& point) const {
  if (mode_ != Mode::dpor) return {};
  // Threads whose step was explored here already (or asleep here) stay asleep while what runs
  // next is independent of their pending step.
  const ThreadSet candidates = (n.sleep | n.done).without(ThreadSet(1u << t));
  const Event ran = (*point.pending)[t];
  ThreadSet out;
  for (ThreadId q : candidates)
    if (!dependent((*point.pending)[q], ran)) out.insert(q);
  return out;
}

ThreadId TreeSearch::pick_thread(const SchedulingPoint& point) {
  if (position_ < stack_.size()) {
    const Node& n = stack_[position_];
    if (n.is_value || !point.enabled.contains(n.chosen)) {
      divergence_ = "nondeterministic model: re-running decision " + std::to_string(position_) +
                    " found " + describe(point.enabled) + " runnable, which the first run did not";
      return kNoThread;
    }
    preemptions_ = n.preemptions + cost(n, n.chosen);
    if (position_ + 1 == stack_.size()) {
      next_sleep_ = sleep_after(n, n.chosen, point);
      // The branch point: what follows is the chosen branch's part of the wakeup tree.
      guide_.clear();
      for (const Wakeup& w : n.wakeup)
        if (w.thread == n.chosen) guide_ = w.next;
    }
    ++position_;
    return n.chosen;
  }
  Node n;
  n.enabled = point.enabled;
  n.sleep = mode_ == Mode::dpor && !bound_ ? next_sleep_ : ThreadSet{};
  n.last = point.last;
  n.last_enabled = point.last_enabled;
  n.preemptions = preemptions_;
  ThreadSet candidates;
  for (ThreadId t : point.enabled.without(n.sleep))
    if (within_bound(n, t)) candidates.insert(t);
  if (candidates.empty()) return kNoThread;  // every runnable thread asleep: redundant
  ThreadId t = candidates.contains(point.last) ? point.last : candidates.first();
  if (optimal()) {
    // Follow the wakeup tree handed down, if one of its first threads can run. The branch taken
    // needs no place in the tree here: no race at this decision has its thread as an initial.
    Wakeup* follow = nullptr;
    for (Wakeup& w : guide_)
      if (follow == nullptr && candidates.contains(w.thread)) follow = &w;
    std::vector<Wakeup> next;
    if (follow != nullptr) {
      t = follow->thread;
      next = std::move(follow->next);
    }
    n.wakeup = std::move(guide_);
    guide_ = std::move(next);
  }
  n.chosen = t;
  n.done.insert(t);
  n.backtrack = mode_ == Mode::dfs ? point.enabled : ThreadSet(1u << t);
  next_sleep_ = sleep_after(n, t, point);
  preemptions_ += cost(n, t);
  stack_.push_back(n);
  ++position_;
  return t;
}

uint32_t TreeSearch::pick_value(uint32_t n, uint32_t /*decision*/) {
  if (position_ < stack_.size()) {
    const Node& node = stack_[position_];
    if (!node.is_value || node.n != n) {
      divergence_ = "nondeterministic model: re-running decision " + std::to_string(position_) +
                    " asked for a value among " + std::to_string(n) +
                    ", which the first run did not";
      return 0;
    }
    if (position_ + 1 == stack_.size()) {
      next_sleep_ = node.sleep_after;
      guide_.clear();  // a new value: explored from scratch below
    }
    ++position_;
    return node.value;
  }
  Node node;
  node.is_value = true;
  node.n = n;
  node.sleep_after = next_sleep_;
  stack_.push_back(node);
  ++position_;
  return 0;
}

void TreeSearch::end_execution(const Trace& trace, ExecutionEnd end) {
  if (mode_ == Mode::dpor && end != ExecutionEnd::overflow)
    add_race_backtracks(trace, branch_,
                        optimal() ? RaceRule::optimal
                        : bound_  ? RaceRule::bounded_source
                                  : RaceRule::source,
                        stack_);
  // Decisions past the end of an abandoned execution were never made.
  if (stack_.size() > position_) stack_.resize(position_);
  if (frontier_ > 0 && !split_) split_top();
  finished_ = !next_branch();
  branch_ = stack_.empty() ? 0 : stack_.size() - 1;
  position_ = 0;
  preemptions_ = 0;
  next_sleep_ = ThreadSet{};
}

bool TreeSearch::next_branch() {
  while (stack_.size() > frozen_) {
    Node& n = stack_.back();
    if (n.is_value) {
      if (n.value + 1 < n.n) {
        ++n.value;
        return true;
      }
    } else if (optimal()) {
      // The leftmost branch of the wakeup tree not taken yet. A branch whose thread cannot run
      // here (it came from a sequence that blocked) or sleeps here is dropped, not taken.
      std::erase_if(n.wakeup, [&n](const Wakeup& w) {
        return n.done.contains(w.thread) || n.sleep.contains(w.thread) ||
               !n.enabled.contains(w.thread);
      });
      if (!n.wakeup.empty()) {
        n.chosen = n.wakeup.front().thread;
        n.done.insert(n.chosen);
        return true;
      }
    } else {
      for (ThreadId t : n.backtrack.without(n.done).without(n.sleep)) {
        n.done.insert(t);
        if (!within_bound(n, t)) continue;
        n.chosen = t;
        return true;
      }
    }
    stack_.pop_back();
  }
  return false;
}

}  // namespace resvcheck::sched
