// The JUnit XML of a check run: well-formed (read back by a small XML reader written here, so
// the test needs no XML library or python), the counts, and one testcase per result.
#include "traces/junit.h"

#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/traces/check_results_support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::traces {
namespace {

/// An element of a parsed document: its name, attributes (unescaped) and children.
struct Element {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<std::unique_ptr<Element>> children;
  std::string text;  // character data directly inside it, unescaped

  std::vector<const Element*> all(const std::string& n) const {
    std::vector<const Element*> out;
    for (const auto& c : children)
      if (c->name == n) out.push_back(c.get());
    return out;
  }
};

/// A strict reader for the subset of XML 1.0 junit_xml() writes: a declaration, elements,
/// attributes in double quotes, character data and the five entities plus character references.
/// Anything else — a mismatched end tag, a raw '<' or '&', a control character — is an error.
class XmlReader {
 public:
  explicit XmlReader(std::string text) : s_(std::move(text)) {}

  /// The root element, or null with error() set.
  std::unique_ptr<Element> parse() {
    if (s_.rfind("<?xml ", 0) == 0) {
      const size_t end = s_.find("?>");
      if (end == std::string::npos) return fail("unterminated declaration");
      at_ = end + 2;
    }
    skip_space();
    auto root = element();
    if (!root) return nullptr;
    skip_space();
    if (at_ != s_.size()) return fail("content after the root element");
    return root;
  }
  const std::string& error() const { return error_; }

 private:
  std::unique_ptr<Element> fail(const std::string& why) {
    if (error_.empty()) error_ = why + " at offset " + std::to_string(at_);
    return nullptr;
  }
  void skip_space() {
    while (at_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[at_]))) ++at_;
  }
  std::string name() {
    const size_t start = at_;
    while (at_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[at_])) ||
                               s_[at_] == '-' || s_[at_] == '_' || s_[at_] == ':'))
      ++at_;
    return s_.substr(start, at_ - start);
  }
  /// Unescapes s_[at_, until `stop`); false on a bad reference or character.
  bool chars(char stop, std::string& out) {
    while (at_ < s_.size() && s_[at_] != stop) {
      const char c = s_[at_];
      if (c == '<' || (c == '"' && stop == '"')) return false;
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c != '&') {
        out += c;
        ++at_;
        continue;
      }
      const size_t semi = s_.find(';', at_);
      if (semi == std::string::npos) return false;
      const std::string ref = s_.substr(at_ + 1, semi - at_ - 1);
      static const std::map<std::string, char> kNamed = {
          {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      if (auto it = kNamed.find(ref); it != kNamed.end()) {
        out += it->second;
      } else if (ref.size() > 1 && ref[0] == '#') {
        const long code = ref[1] == 'x' ? std::stol(ref.substr(2), nullptr, 16)
                                        : std::stol(ref.substr(1), nullptr, 10);
        if (code != 9 && code != 10 && code != 13 && (code < 0x20 || code > 0x7e)) return false;
        out += static_cast<char>(code);
      } else {
        return false;
      }
      at_ = semi + 1;
    }
    return at_ < s_.size();
  }
  std::unique_ptr<Element> element() {
    if (at_ >= s_.size() || s_[at_] != '<') return fail("expected an element");
    ++at_;
    auto e = std::make_unique<Element>();
    e->name = name();
    if (e->name.empty()) return fail("expected an element name");
    for (;;) {
      skip_space();
      if (s_.compare(at_, 2, "/>") == 0) {
        at_ += 2;
        return e;
      }
      if (at_ < s_.size() && s_[at_] == '>') {
        ++at_;
        break;
      }
      const std::string attr = name();
      if (attr.empty() || s_.compare(at_, 2, "=\"") != 0) return fail("expected an attribute");
      at_ += 2;
      std::string value;
      if (!chars('"', value)) return fail("bad attribute value");
      ++at_;
      if (!e->attrs.emplace(attr, value).second) return fail("repeated attribute " + attr);
    }
    for (;;) {
      if (!chars('<', e->text)) return fail("bad character data");
      if (s_.compare(at_, 2, "</") == 0) {
        at_ += 2;
        if (name() != e->name) return fail("mismatched end tag for " + e->name);
        skip_space();
        if (at_ >= s_.size() || s_[at_] != '>') return fail("unterminated end tag");
        ++at_;
        return e;
      }
      auto child = element();
      if (!child) return nullptr;
      e->children.push_back(std::move(child));
    }
  }

  std::string s_;
  size_t at_ = 0;
  std::string error_;
};

std::unique_ptr<Element> parse(const std::string& xml) {
  XmlReader reader(xml);
  auto root = reader.parse();
  CHECK_TEXT(root != nullptr, reader.error().c_str());
  return root;
}

}  // namespace

TEST_GROUP(JUnit){};

TEST(JUnit, IsWellFormedWithTheCountsOnBothLevels) {
  const auto root = parse(junit_xml(testing::mixed_results()));
  STRCMP_EQUAL("testsuites", root->name.c_str());
  const auto suites = root->all("testsuite");
  LONGS_EQUAL(1, suites.size());
  for (const Element* e : {static_cast<const Element*>(root.get()), suites[0]}) {
    STRCMP_EQUAL("resvcheck", e->attrs.at("name").c_str());
    STRCMP_EQUAL("4", e->attrs.at("tests").c_str());
    STRCMP_EQUAL("1", e->attrs.at("failures").c_str());
    STRCMP_EQUAL("1", e->attrs.at("errors").c_str());
    STRCMP_EQUAL("1", e->attrs.at("skipped").c_str());
  }
}

TEST(JUnit, OneTestcasePerScenarioVersionWithItsOutcome) {
  const auto root = parse(junit_xml(testing::mixed_results()));
  const auto cases = root->all("testsuite")[0]->all("testcase");
  LONGS_EQUAL(4, cases.size());

  STRCMP_EQUAL("catalog/mutex/abba.json", cases[0]->attrs.at("classname").c_str());
  STRCMP_EQUAL("abba v6.5", cases[0]->attrs.at("name").c_str());
  LONGS_EQUAL(0, cases[0]->all("failure").size() + cases[0]->all("error").size() +
                     cases[0]->all("skipped").size());

  // The failure: the verdict as its message, every finding in its body; escaping round-trips.
  STRCMP_EQUAL("vmap <&> \"balance\" v6.16", cases[1]->attrs.at("name").c_str());
  const auto failures = cases[1]->all("failure");
  LONGS_EQUAL(1, failures.size());
  STRCMP_EQUAL("expected clean, found underflow", failures[0]->attrs.at("message").c_str());
  CHECK(failures[0]->text.find("underflow: drm_gem_shmem_vunmap_locked: vmap_use_count of 'bo' "
                               "decremented at 0 # <&> [thread 'unmapper'; witness: 1 "
                               "preemption, 6 steps; seen in 2 executions at 1 site]") !=
        std::string::npos);

  const auto skipped = cases[2]->all("skipped");
  LONGS_EQUAL(1, skipped.size());
  STRCMP_EQUAL("expected deadlock, found nothing so far (max_executions)",
               skipped[0]->attrs.at("message").c_str());

  const auto errors = cases[3]->all("error");
  LONGS_EQUAL(1, errors.size());
  STRCMP_EQUAL("error: fiber stack overflow in thread 't1'",
               errors[0]->attrs.at("message").c_str());
}

TEST(JUnit, NoResultsIsAnEmptySuite) {
  const auto root = parse(junit_xml({}));
  STRCMP_EQUAL("0", root->attrs.at("tests").c_str());
  LONGS_EQUAL(0, root->all("testsuite")[0]->children.size());
}

TEST(JUnit, EscapesMarkupAndControlCharacters) {
  STRCMP_EQUAL("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;",
               xml_escape("a <b> & \"c\" 'd'").c_str());
  STRCMP_EQUAL("x\ny", xml_escape("x\ny").c_str());
  STRCMP_EQUAL("x&#10;y&#9;z", xml_escape("x\ny\tz", true).c_str());
  STRCMP_EQUAL(
      "a\xEF\xBF\xBD"
      "b",
      xml_escape(std::string("a\x01"
                             "b"))
          .c_str());
  // A message with every special character survives a round trip through an attribute.
  auto results = testing::mixed_results();
  results[1].exploration.findings.clear();
  results[1].scenario = "odd\tname\n<x>";
  const auto root = parse(junit_xml(results));
  STRCMP_EQUAL("odd\tname\n<x> v6.16",
               root->all("testsuite")[0]->all("testcase")[1]->attrs.at("name").c_str());
}

}  // namespace resvcheck::traces
