// Which shmem-helper and GEM-core calls each helper version exports, checked against the domain
// sheet (../shared/domain/kernel-facts.md §1, §2.3 and §6). The table below is written from the
// sheet, not from scenarios/helper_calls.cpp: every call of the two groups of scenario-format.md
// ("Ops") × every version. Checked twice: through exported()/not_exported_reason(), the functions
// the call runner asks, and end to end, one single-op scenario per (call, version), whose run must
// report not_exported exactly when the sheet says the version lacks the call, with a message that
// names the call and the version.
#include <array>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model/version.h"
#include "scenarios/calls.h"
#include "scenarios/check.h"
#include "scenarios/helper_calls.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

using model::Version;

constexpr bool Y = true;   // exported (a vm op: reachable through drm_gem_shmem_vm_ops)
constexpr bool N = false;  // static, renamed away, KUnit-only or not yet there

/// One call: exported in v6.4 (A), v6.5 (B), v6.10 (B2), v6.16 (C), and the sheet's word on the
/// change (§1.1 A, §1.2 B, §1.3 B2, §1.4 C, §6 the commits). §1.2–§1.4 do not list
/// get_sg_table; §2.3 has PRIME call it as the exporter's get_sg_table in every version.
struct Row {
  const char* call;
  std::array<bool, 4> in;  // indexed like model::kAllVersions
  const char* sheet;
};

// clang-format off
constexpr std::array<Row, 30> kSheet = {{
    // shmem helper
    {"drm_gem_shmem_get_pages",        {Y, N, N, N}, "B: static (was _locked); C: none"},
    {"drm_gem_shmem_put_pages",        {Y, Y, Y, N}, "C: renamed _locked (954907f7147d)"},
    {"drm_gem_shmem_put_pages_locked", {N, N, N, Y}, "A: static; B: renamed put_pages"},
    {"drm_gem_shmem_pin",              {Y, Y, Y, Y}, "C: GPL"},
    {"drm_gem_shmem_unpin",            {Y, Y, Y, Y}, "C: GPL"},
    {"drm_gem_shmem_pin_locked",       {N, N, Y, Y}, "B: static; B2: ec144244a43f"},
    {"drm_gem_shmem_unpin_locked",     {N, N, Y, Y}, "B: static; B2: ec144244a43f"},
    {"drm_gem_shmem_vmap",             {Y, Y, Y, N}, "C: CONFIG_KUNIT only"},
    {"drm_gem_shmem_vunmap",           {Y, Y, Y, N}, "C: CONFIG_KUNIT only"},
    {"drm_gem_shmem_vmap_locked",      {N, N, N, Y}, "A: static; B: folded into vmap"},
    {"drm_gem_shmem_vunmap_locked",    {N, N, N, Y}, "A: static; B: folded"},
    {"drm_gem_shmem_madvise",          {Y, Y, Y, N}, "C: CONFIG_KUNIT only"},
    {"drm_gem_shmem_madvise_locked",   {N, N, N, Y}, "new in C (954907f7147d)"},
    {"drm_gem_shmem_purge",            {Y, Y, Y, N}, "C: renamed purge_locked"},
    {"drm_gem_shmem_purge_locked",     {Y, N, N, Y}, "B: folded into purge"},
    {"drm_gem_shmem_get_sg_table",     {Y, Y, Y, Y}, "§2.3: PRIME's get_sg_table"},
    {"drm_gem_shmem_get_pages_sgt",    {Y, Y, Y, Y}, "GPL"},
    {"drm_gem_shmem_mmap",             {Y, Y, Y, Y}, "B2: COW refused"},
    {"drm_gem_shmem_vm_open",          {Y, Y, Y, Y}, "vm op"},
    {"drm_gem_shmem_vm_close",         {Y, Y, Y, Y}, "vm op"},
    {"drm_gem_shmem_fault",            {Y, Y, Y, Y}, "vm op"},
    // GEM core
    {"drm_gem_pin",                    {Y, Y, Y, Y}, "B2: takes R (a78027847226)"},
    {"drm_gem_unpin",                  {Y, Y, Y, Y}, "B2: takes R (a78027847226)"},
    {"drm_gem_vmap",                   {Y, Y, Y, Y}, "C: was _unlocked (8f5c4871a014)"},
    {"drm_gem_vunmap",                 {Y, Y, Y, Y}, "C: was _unlocked (8f5c4871a014)"},
    {"drm_gem_vmap_unlocked",          {Y, Y, Y, N}, "C: renamed drm_gem_vmap"},
    {"drm_gem_vunmap_unlocked",        {Y, Y, Y, N}, "C: renamed drm_gem_vunmap"},
    {"drm_gem_vmap_locked",            {N, N, N, Y}, "C: was drm_gem_vmap"},
    {"drm_gem_vunmap_locked",          {N, N, N, Y}, "C: was drm_gem_vunmap"},
    {"drm_gem_object_put",             {Y, Y, Y, Y}, "every version (KT-7, KT-8)"},
}};
// clang-format on

bool is_helper_or_gem(Call c) {
  return c >= Call::drm_gem_shmem_get_pages && c <= Call::drm_gem_object_put;
}

Call call_of(const Row& row) {
  const std::optional<Call> c = parse_call(row.call);
  if (!c) FAIL((std::string("not a call name: ") + row.call).c_str());
  return *c;
}

std::string where(const Row& row, Version v) {
  return std::string(row.call) + " in " + std::string(model::version_name(v));
}

/// Whether `text` names version `v` as a whole token ("v6.1" would not name v6.10).
bool names_version(const std::string& text, Version v) {
  const std::string name(model::version_name(v));
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const size_t end = at + name.size();
    if (end == text.size() || std::isdigit(static_cast<unsigned char>(text[end])) == 0) return true;
  }
  return false;
}

/// A scenario whose one thread makes `call` once on a fresh shmem object, checked in `v`.
CheckResult run_alone(const Row& row, Version v) {
  const std::string call(row.call);
  std::string op = R"({"call": ")" + call + R"(", "object": "bo")";
  if (call.find("madvise") != std::string::npos) op += R"(, "madv": "dontneed")";
  op += "}";
  return check_text(R"({"name": "exported", "objects": [{"name": "bo", "type": "shmem"}],
      "versions": [")" +
                    std::string(model::version_name(v)) +
                    R"("], "threads": [{"name": "t1", "ops": [)" + op + "]}]}");
}

bool found_not_exported(const CheckResult& r) {
  for (const sched::KindSummary& k : r.exploration.findings)
    if (k.kind == sched::FindingKind::not_exported) return true;
  return false;
}

}  // namespace

TEST_GROUP(ExportedCalls){};

// The table has one row per call of the two groups, no more, in the format's order.
TEST(ExportedCalls, TheSheetTableCoversBothGroups) {
  size_t next = 0;
  for (size_t i = 0; i < kCallNames.size(); ++i) {
    const Call c = static_cast<Call>(i);
    if (!is_helper_or_gem(c)) continue;
    CHECK_TRUE(next < kSheet.size());
    STRCMP_EQUAL(std::string(call_name(c)).c_str(), kSheet[next].call);
    CHECK_TRUE(call_of(kSheet[next]) == c);
    ++next;
  }
  LONGS_EQUAL(kSheet.size(), next);
  // 26 shmem-helper and 8 GEM-core rows are not_exported in the sheet (its contract table has
  // the same 34); a slip in the table above shows here first.
  size_t absent = 0;
  for (const Row& row : kSheet)
    for (bool in : row.in) absent += in ? 0 : 1;
  LONGS_EQUAL(34, absent);
}

TEST(ExportedCalls, ExportedMatchesTheSheet) {
  std::string wrong;
  for (const Row& row : kSheet) {
    const Call c = call_of(row);
    for (size_t i = 0; i < model::kAllVersions.size(); ++i) {
      const Version v = model::kAllVersions[i];
      if (exported(c, v) == row.in[i]) continue;
      wrong += "\n  " + where(row, v) + ": sheet says " +
               (row.in[i] ? "exported" : "not exported") + " (" + row.sheet +
               "), exported() says " + (row.in[i] ? "not exported" : "exported");
    }
  }
  if (!wrong.empty()) FAIL(("exported() disagrees with the sheet:" + wrong).c_str());
}

TEST(ExportedCalls, NotExportedReasonNamesTheCallAndTheVersion) {
  std::string wrong;
  for (const Row& row : kSheet) {
    const Call c = call_of(row);
    for (size_t i = 0; i < model::kAllVersions.size(); ++i) {
      const Version v = model::kAllVersions[i];
      if (row.in[i]) continue;
      const std::string reason = not_exported_reason(c, v);
      if (reason.find(row.call) == std::string::npos || !names_version(reason, v))
        wrong += "\n  " + where(row, v) + ": \"" + reason + "\"";
    }
  }
  if (!wrong.empty()) FAIL(("reasons that miss the call or the version:" + wrong).c_str());
}

// Through the call runner: a fresh object, one thread, one call. The call's other findings
// (an assert, a SIGBUS, a free) do not matter here, only not_exported and its message.
TEST(ExportedCalls, TheRunnerReportsNotExportedExactlyWhereTheSheetSays) {
  std::string wrong;
  for (const Row& row : kSheet) {
    for (size_t i = 0; i < model::kAllVersions.size(); ++i) {
      const Version v = model::kAllVersions[i];
      const CheckResult r = run_alone(row, v);
      if (found_not_exported(r) != !row.in[i]) {
        wrong += "\n  " + where(row, v) + ": sheet says " +
                 (row.in[i] ? "exported" : "not exported") + " (" + row.sheet +
                 "), found: " + found(r);
        continue;
      }
      if (row.in[i]) continue;
      const std::string& message = finding(r, sched::FindingKind::not_exported).finding.message;
      if (message.find(row.call) == std::string::npos || !names_version(message, v))
        wrong += "\n  " + where(row, v) + ": message \"" + message + "\"";
    }
  }
  if (!wrong.empty()) FAIL(("the runner disagrees with the sheet:" + wrong).c_str());
}

}  // namespace resvcheck::scenarios
