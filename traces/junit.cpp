#include "traces/junit.h"

#include <fmt/format.h>

#include "traces/verdict_text.h"

namespace resvcheck::traces {
namespace {

using scenarios::CheckResult;
using scenarios::Status;

struct Counts {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

Counts count(const std::vector<CheckResult>& results) {
  Counts c;
  for (const CheckResult& r : results) {
    ++c.tests;
    c.failures += r.status == Status::fail;
    c.errors += r.status == Status::error;
    c.skipped += r.status == Status::incomplete;
  }
  return c;
}

std::string counts_attributes(const Counts& c) {
  return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="{}")", c.tests, c.failures,
                     c.errors, c.skipped);
}

/// The verdict, the statistics and one line per finding: the body of <failure>, <skipped>, or
/// <system-out> for a pass.
std::string details(const CheckResult& r) {
  std::string text = verdict_text(r);
  if (r.status != Status::error) text += "\n" + stats_text(r.exploration);
  for (const std::string& line : finding_lines(r)) text += "\n" + line;
  return text;
}

void write_case(std::string& out, const CheckResult& r) {
  out += fmt::format(R"(    <testcase classname="{}" name="{}")", xml_escape(r.file, true),
                     xml_escape(result_name(r), true));
  const std::string message = xml_escape(verdict_text(r), true);
  const std::string body = xml_escape(details(r));
  switch (r.status) {
    case Status::pass:
      out += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", body);
      return;
    case Status::fail:
      out += fmt::format(">\n      <failure message=\"{}\" type=\"fail\">{}</failure>\n", message,
                         body);
      break;
    case Status::incomplete:
      out += fmt::format(">\n      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n",
                         message, body);
      break;
    case Status::error:
      out +=
          fmt::format(">\n      <error message=\"{}\" type=\"error\">{}</error>\n", message, body);
      break;
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";  // raw CRs in content are normalized away by parsers too
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += "\xEF\xBF\xBD";  // U+FFFD: not representable in XML 1.0
        else
          out += c;
    }
  }
  return out;
}

std::string junit_xml(const std::vector<CheckResult>& results, std::string_view suite_name) {
  const std::string counts = counts_attributes(count(results));
  const std::string name = xml_escape(suite_name, true);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" {}>\n", name, counts);
  out += fmt::format("  <testsuite name=\"{}\" {}>\n", name, counts);
  for (const CheckResult& r : results) write_case(out, r);
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace resvcheck::traces
