// The JUnit XML of a `check` run (cli-and-traces.md, `--junit FILE`), as CI systems read it: one
// <testcase> per (scenario, version) — classname the scenario file, name "scenario version" — in
// one <testsuite> inside <testsuites>, each carrying the counts. `fail` is a <failure> (the
// expected/found verdict, then every finding), `error` an <error>, `incomplete` <skipped/>.
// Deterministic: no timestamps, no host names, no durations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenarios/check.h"

namespace resvcheck::traces {

/// The document; `results` in report order (file path, then release order).
std::string junit_xml(const std::vector<scenarios::CheckResult>& results,
                      std::string_view suite_name = "resvcheck");

/// `text` as XML character data or attribute value: & < > " ' escaped; in attributes (`attribute`)
/// also tab, newline and carriage return as character references, so that they survive
/// attribute-value normalization; other control characters, which XML 1.0 cannot carry at all,
/// become U+FFFD.
std::string xml_escape(std::string_view text, bool attribute = false);

}  // namespace resvcheck::traces
