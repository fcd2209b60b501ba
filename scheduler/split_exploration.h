// An unbounded dfs or dpor exploration split into subtrees, explored side by side by the calling
// thread and whatever threads Config::helpers lends. The top of the tree (the decisions up to the
// kSplitFrontier-th branching one) is taken whole: every branch there is a subtree, handed out
// as the prefix of decisions leading to it; a worker replays the prefix and searches below it with
// its own fibers. Sleep sets carry over from the prefix, so the subtrees explore every Mazurkiewicz
// trace once between them: the result (executions, findings, normal-form witnesses) is the
// sequential one, and only the work (redundant executions, steps) differs. Below the top, a
// split dpor search is Source-DPOR, not Optimal DPOR (see TreeSearch::optimal()): more redundant
// executions, which the second thread more than pays for.
// A preemption-bounded search is never split: which executions it explores depends on the order.
#pragma once

#include "scheduler/explorer.h"

namespace resvcheck::sched {

/// Branching decisions in the top of a split tree. Three give lockinc(8) 336 subtrees of 120
/// executions: enough to keep two threads busy to the end, few enough that handing them out costs
/// nothing measurable.
inline constexpr uint32_t kSplitFrontier = 3;

/// Whether explore() splits this exploration: an unbounded dfs or dpor search, with a helper
/// thread idle when it starts.
bool splittable(const Config& config);

ExplorationResult explore_split(const Program& program, const Config& config);

}  // namespace resvcheck::sched
