// How a check result's verdict reads in every report (text, JUnit, KTAP): the expectation,
// what was found, the exploration's size, and one line per finding.
#pragma once

#include <string>
#include <vector>

#include "scenarios/check.h"

namespace resvcheck::traces {

/// "1 execution", "3 executions".
std::string plural(uint64_t n, std::string_view word);

/// "scenario version", e.g. "mutex-abba-deadlock v6.5": a test's name in JUnit and KTAP.
std::string result_name(const scenarios::CheckResult& r);

/// The kinds, comma-separated, or `empty` when there are none.
std::string kinds_text(scenarios::KindSet set, std::string_view empty = "clean");

/// "clean", "deadlock, lock_order", "including warn, excluding leak", "anything".
std::string expected_text(const scenarios::Expectation& e);

/// "expected clean, found deadlock"; for an incomplete result "... so far (stopped_by)"; for an
/// error "error: <the internal error>"; for a pass what was found.
std::string verdict_text(const scenarios::CheckResult& r);

/// "3 executions (complete)", "1 execution (complete within 2 preemptions)",
/// "10 executions (incomplete: max_executions)".
std::string stats_text(const sched::ExplorationResult& e);

/// One line per finding: "deadlock: <message> [threads 't1', 't2'; witness: 1 preemption,
/// 6 steps; seen in 3 executions at 1 site]".
std::vector<std::string> finding_lines(const scenarios::CheckResult& r);

}  // namespace resvcheck::traces
