// Helpers shared by the scenario suites: check one scenario given as JSON text, and look at what
// it found. Include after the STL headers and before CppUTest's (FAIL is a CppUTest macro, so
// this header includes the harness itself last).
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {

/// The one problem loading `doc` reports, as "pointer: message" (the test fails unless there is
/// exactly one).
inline std::string problem(const Json& doc) {
  const LoadResult r = load_scenario(doc.dump());
  LONGS_EQUAL(1, r.problems.size());
  return r.problems[0].where + ": " + r.problems[0].message;
}

/// Loads `text` (it must be valid) and checks its first version with the default config.
inline CheckResult check_text(const std::string& text) {
  LoadResult loaded = load_scenario(text);
  if (!loaded.problems.empty()) FAIL(loaded.problems[0].message.c_str());
  static Scenario scenario;  // outlives the exploration and the result that points into it
  scenario = std::move(*loaded.scenario);
  return check(scenario, "t.json", scenario.checks[0], sched::Config());
}

/// The kinds found, space-separated ("" when clean).
inline std::string found(const CheckResult& r) {
  std::string out;
  for (std::string_view k : r.found.names()) out += (out.empty() ? "" : " ") + std::string(k);
  return out;
}

inline const sched::KindSummary& finding(const CheckResult& r, sched::FindingKind kind) {
  for (const sched::KindSummary& k : r.exploration.findings)
    if (k.kind == kind) return k;
  FAIL("kind not found");
  return r.exploration.findings.front();
}

}  // namespace resvcheck::scenarios
