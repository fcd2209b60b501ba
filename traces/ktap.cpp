#include "traces/ktap.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "traces/verdict_text.h"

namespace resvcheck::traces {
namespace {

using scenarios::CheckResult;
using scenarios::Status;

/// A test description or directive reason: no '#', no line breaks.
std::string description(std::string text) {
  for (char& c : text)
    if (c == '#' || c == '\n' || c == '\r') c = '_';
  return text;
}

/// A diagnostic line per line of `text`, each "# " + the line.
void diagnostic(std::ostream& out, std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fmt::print(out, "# {}\n", line);
    start = end + 1;
  }
}

}  // namespace

void write_ktap(std::ostream& out, const std::vector<CheckResult>& results) {
  fmt::print(out, "KTAP version 1\n1..{}\n", results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const CheckResult& r = results[i];
    const std::string name = description(result_name(r));
    std::string summary = fmt::format("{}: {}", name, verdict_text(r));
    if (r.status != Status::error) summary += "; " + stats_text(r.exploration);
    diagnostic(out, summary);
    if (r.status != Status::pass)
      for (const std::string& line : finding_lines(r)) diagnostic(out, line);
    switch (r.status) {
      case Status::pass:
        fmt::print(out, "ok {} {}\n", i + 1, name);
        break;
      case Status::incomplete:
        fmt::print(out, "ok {} {} # SKIP incomplete: {}\n", i + 1, name,
                   description(verdict_text(r)));
        break;
      case Status::fail:
      case Status::error:
        fmt::print(out, "not ok {} {}\n", i + 1, name);
        break;
    }
  }
}

}  // namespace resvcheck::traces
