// `explain`: every finding kind of the closed list has an explanation, in the list's order.
#include "traces/finding_explanations.h"

#include <sstream>
#include <string>

#include "scheduler/finding.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::traces {

TEST_GROUP(FindingExplanations){};

TEST(FindingExplanations, EveryKindHasAllThreeSections) {
  for (std::string_view name : sched::kFindingKindNames) {
    const std::optional<sched::FindingKind> kind = sched::parse_finding_kind(name);
    CHECK(kind.has_value());
    const FindingExplanation& e = explain_finding(*kind);
    CHECK(e.kind == *kind);
    const std::string n(name);
    CHECK_TEXT(!e.summary.empty(), n.c_str());
    CHECK_TEXT(e.meaning.size() > 80, n.c_str());
    CHECK_TEXT(e.detection.size() > 80, n.c_str());
    CHECK_TEXT(e.fixes.size() > 80, n.c_str());
    const std::string text = explanation_text(*kind);
    CHECK_TEXT(text.rfind(n + ": ", 0) == 0, n.c_str());
    for (const char* heading :
         {"\nWhat it means\n", "\nHow resvcheck detects it\n", "\nWhat usually fixes it\n"})
      CHECK_TEXT(text.find(heading) != std::string::npos, n.c_str());
    std::istringstream lines(text);
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
      if (!first) CHECK_TEXT(line.size() <= 96, line.c_str());
      first = false;
    }
  }
}

}  // namespace resvcheck::traces
