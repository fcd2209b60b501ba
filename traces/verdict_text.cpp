#include "traces/verdict_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/version.h"

namespace resvcheck::traces {
std::string plural(uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string result_name(const scenarios::CheckResult& r) {
  return r.scenario + " " + std::string(model::version_name(r.version));
}

std::string kinds_text(scenarios::KindSet set, std::string_view empty) {
  return set.empty() ? std::string(empty) : fmt::format("{}", fmt::join(set.names(), ", "));
}

std::string expected_text(const scenarios::Expectation& e) {
  if (e.exact) return kinds_text(*e.exact);
  std::string text;
  if (!e.includes.empty()) text = "including " + kinds_text(e.includes);
  if (!e.excludes.empty())
    text += (text.empty() ? "" : ", ") + std::string("excluding ") + kinds_text(e.excludes);
  return text.empty() ? "anything" : text;
}

std::string verdict_text(const scenarios::CheckResult& r) {
  switch (r.status) {
    case scenarios::Status::pass:
      return kinds_text(r.found);
    case scenarios::Status::fail:
      return fmt::format("expected {}, found {}", expected_text(r.expected),
                         kinds_text(r.found, "nothing"));
    case scenarios::Status::incomplete: {
      std::string text = fmt::format("expected {}, found {} so far", expected_text(r.expected),
                                     kinds_text(r.found, "nothing"));
      if (!r.exploration.stopped_by.empty()) text += " (" + r.exploration.stopped_by + ")";
      return text;
    }
    case scenarios::Status::error:
      break;
  }
  return "error: " + r.exploration.error.value_or("internal error");
}

std::string stats_text(const sched::ExplorationResult& e) {
  const sched::Stats& s = e.stats;
  std::string how = "incomplete";
  if (s.complete)
    how = s.preemption_bound ? "complete within " + plural(*s.preemption_bound, "preemption")
                             : "complete";
  else if (!e.stopped_by.empty())
    how += ": " + e.stopped_by;
  return fmt::format("{} ({})", plural(s.executions, "execution"), how);
}

std::vector<std::string> finding_lines(const scenarios::CheckResult& r) {
  std::vector<std::string> lines;
  for (const sched::KindSummary& k : r.exploration.findings) {
    std::vector<std::string> threads;
    for (const std::string& name : k.thread_names) threads.push_back("'" + name + "'");
    std::string where = threads.empty()
                            ? std::string()
                            : fmt::format("thread{} {}; ", threads.size() == 1 ? "" : "s",
                                          fmt::join(threads, ", "));
    lines.push_back(fmt::format("{}: {} [{}witness: {}, {}; seen in {} at {}]",
                                sched::finding_kind_name(k.kind), k.finding.message, where,
                                plural(k.preemptions, "preemption"), plural(k.steps, "step"),
                                plural(k.executions, "execution"), plural(k.sites, "site")));
  }
  return lines;
}

}  // namespace resvcheck::traces
