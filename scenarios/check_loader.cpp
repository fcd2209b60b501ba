#include "scenarios/check_loader.h"

#include <algorithm>

namespace resvcheck::scenarios {
namespace {

constexpr std::string_view kVersionWhat = "a version (v6.4, v6.5, v6.10 or v6.16)";

/// A list of distinct finding kinds.
std::optional<KindSet> kinds(JsonReader& r, const Json& j, const Pointer& at) {
  if (!r.array(j, at, "an array of finding kinds")) return std::nullopt;
  KindSet set;
  bool ok = true;
  for (size_t i = 0; i < j.size(); ++i) {
    const auto k =
        j[i].is_string() ? sched::parse_finding_kind(j[i].get<std::string>()) : std::nullopt;
    if (!k || set.contains(*k)) {
      r.expected(at / i, k ? "each kind once" : "a finding kind", j[i]);
      ok = false;
      continue;
    }
    set.insert(*k);
  }
  return ok ? std::optional(set) : std::nullopt;
}

std::optional<Expectation> expectation(JsonReader& r, const Json& j, const Pointer& at) {
  if (j == "clean") return Expectation::clean();
  Expectation e;
  if (j.is_array()) {
    e.exact = kinds(r, j, at);
    if (!e.exact) return std::nullopt;
  } else if (j.is_object()) {
    r.known_keys(j, at, kExpectationKeys);
    const auto includes = j.contains("includes") ? kinds(r, j["includes"], at / "includes")
                                                 : std::optional(KindSet());
    const auto excludes = j.contains("excludes") ? kinds(r, j["excludes"], at / "excludes")
                                                 : std::optional(KindSet());
    if (!includes || !excludes) return std::nullopt;
    if (includes->intersects(*excludes)) {
      r.expected(at / "excludes", "no kind that /includes names", j["excludes"]);
      return std::nullopt;
    }
    e.includes = *includes;
    e.excludes = *excludes;
  } else {
    r.expected(at, "\"clean\", an array of finding kinds or {\"includes\", \"excludes\"}", j);
    return std::nullopt;
  }
  return e;
}

/// The `versions` list; nothing when absent or invalid.
std::optional<std::vector<model::Version>> versions(JsonReader& r, const Json& doc) {
  if (!doc.contains("versions")) return std::nullopt;
  const Pointer at = Pointer("/versions");
  const Json& j = doc["versions"];
  if (!r.array(j, at, "an array of versions")) return std::nullopt;
  if (j.empty()) r.expected(at, "at least one version", j);
  std::vector<model::Version> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const auto v = j[i].is_string() ? model::parse_version(j[i].get<std::string>()) : std::nullopt;
    if (!v || std::find(out.begin(), out.end(), *v) != out.end())
      r.expected(at / i, v ? "each version once" : kVersionWhat, j[i]);
    else
      out.push_back(*v);
  }
  return out;
}

}  // namespace

std::vector<VersionCheck> load_checks(JsonReader& r, const Json& doc) {
  const auto listed = versions(r, doc);
  const Json none = Json::object();
  const Json& expect = doc.contains("expect") ? doc["expect"] : none;
  const Pointer at = Pointer("/expect");
  if (!r.object(expect, at, "an object of expectations per version")) return {};

  std::vector<VersionCheck> checks;
  for (model::Version v : model::kAllVersions) {
    const bool checked = listed ? std::find(listed->begin(), listed->end(), v) != listed->end()
                                : expect.empty() || expect.contains(model::version_name(v));
    if (checked) checks.push_back({v, Expectation::clean()});
  }
  for (const auto& [key, value] : expect.items()) {
    const auto v = model::parse_version(key);
    const auto check = std::find_if(checks.begin(), checks.end(),
                                    [&](const VersionCheck& c) { return v == c.version; });
    if (check == checks.end()) {
      r.fail(at / key, "expected " +
                           std::string(v ? "a version listed in /versions" : kVersionWhat) +
                           ", found key " + Json(key).dump());
      continue;
    }
    if (auto e = expectation(r, value, at / key)) check->expected = *e;
  }
  return checks;
}

}  // namespace resvcheck::scenarios
