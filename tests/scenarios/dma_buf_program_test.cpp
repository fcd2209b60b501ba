// Running the dma-buf ops on an import through a whole check: the lock-order edges the exporter
// paths add (v6.4's resv -> vmap_lock -> pages_lock through dma_buf_vmap, resv -> pages_lock
// through dma_buf_mmap under mmap_lock; v6.5+'s exporter mmap taking the resv itself), and the
// WARN_ON_ONCE of dma_buf_vmap when the exporter's vmap fails; the import's release (the exporter
// unpinned and freed with its last holder, a self_deadlock under the resv, a leftover importer
// vmap a leak) and the vm ops of an import's mapping running on the exporter.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "model/lockdep.h"
#include "scenarios/check.h"
#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

/// Checks `version` of a scenario with bo and its import imp, and the given body keys.
CheckResult check_import(const std::string& version, const std::string& body) {
  const std::string text = R"({"name": "t", "versions": [")" + version +
                           R"("], "objects": [{"name": "bo", "type": "shmem"},
                           {"name": "imp", "type": "import", "of": "bo"}], )" +
                           body + "}";
  return check_text(text);
}

bool observed(const CheckResult& r, std::string_view from, std::string_view to) {
  const std::string key = model::lock_edge_key(from, to);
  return std::any_of(r.exploration.observations.begin(), r.exploration.observations.end(),
                     [&key](const sched::ObservationSummary& o) { return o.key == key; });
}

/// The ops of a thread, each a call on an object: {call, object}.
using Ops = std::vector<std::pair<std::string, std::string>>;

/// The "threads" key of a scenario with one thread, t1, running `ops` in order.
std::string thread_t1(const Ops& ops) {
  std::string list;
  for (const auto& [call, object] : ops)
    list += std::string(list.empty() ? "" : ", ") + R"({"call": ")" + call + R"(", "object": ")" +
            object + R"("})";
  return R"("threads": [{"name": "t1", "ops": [)" + list + "]}]";
}

constexpr const char* kVmapUnlocked = R"("threads": [{"name": "t1", "ops": [
    {"call": "dma_buf_vmap_unlocked", "object": "imp", "on": {"-ENOMEM": []}},
    {"call": "dma_buf_vunmap_unlocked", "object": "imp"}]}])";

const std::string kGemVmapImport =
    thread_t1({{"drm_gem_vmap_unlocked", "imp"}, {"drm_gem_vunmap_unlocked", "imp"}});

const std::string kMmap = thread_t1({{"dma_buf_mmap", "imp"}});

}  // namespace

TEST_GROUP(DmaBufProgram){};

// v6.4: the exporter's vmap nests its vmap_lock and pages_lock under the dma-buf's resv; from
// v6.5 there are no helper mutexes.
TEST(DmaBufProgram, VmapNestsTheExporterLocksUnderTheResvInV6_4) {
  namespace lc = model::lock_class;
  const CheckResult old = check_import("v6.4", kVmapUnlocked);
  STRCMP_EQUAL("", found(old).c_str());
  CHECK_TRUE(observed(old, lc::resv, lc::vmap_lock));
  CHECK_TRUE(observed(old, lc::vmap_lock, lc::pages_lock));
  const CheckResult merged = check_import("v6.5", kVmapUnlocked);
  STRCMP_EQUAL("", found(merged).c_str());
  CHECK_FALSE(observed(merged, lc::resv, lc::vmap_lock));
}

// KT-3: v6.4's dma_buf_mmap holds the resv over the exporter's pages_lock; from v6.5 the exporter
// takes the resv itself, under mmap_lock either way.
TEST(DmaBufProgram, MmapTakesTheResvInTheCoreOnlyInV6_4) {
  namespace lc = model::lock_class;
  const CheckResult old = check_import("v6.4", kMmap);
  STRCMP_EQUAL("", found(old).c_str());
  CHECK_TRUE(observed(old, lc::resv, lc::pages_lock));
  CHECK_TRUE(observed(old, lc::mmap_lock, lc::resv));
  const CheckResult merged = check_import("v6.16", kMmap);
  STRCMP_EQUAL("", found(merged).c_str());
  CHECK_FALSE(observed(merged, lc::resv, lc::pages_lock));
  CHECK_TRUE(observed(merged, lc::mmap_lock, lc::resv));
}

// An exporter vmap that fails (the pages or vmap allocation) is dma_buf_vmap's WARN_ON_ONCE; the
// error reaches the caller (handled here), and the unbalanced vunmap that follows is the BUG_ON.
TEST(DmaBufProgram, ExporterVmapFailureWarns) {
  const CheckResult clean = check_import("v6.5", kVmapUnlocked);
  STRCMP_EQUAL("", found(clean).c_str());
  const CheckResult failing =
      check_import("v6.5", std::string(kVmapUnlocked) + R"(, "inject": ["enomem"])");
  STRCMP_EQUAL("warn", found(failing).c_str());
}

// The helper's import branch in v6.4 (kernel-facts.md §2.2): the GEM core's resv, the import's
// vmap_lock, dma_buf_vmap, the exporter's vmap_lock and pages_lock. The two vmap_locks are one
// class nested without a nest lock: recursive_locking, and no vmap_lock -> vmap_lock edge. The
// hierarchy has no cycle (no lock_order finding, no edge back up). v6.5's import branch takes no
// mutex: no vmap_lock at all.
TEST(DmaBufProgram, ImportVmapThroughTheHelperShowsTheV6_4Hierarchy) {
  namespace lc = model::lock_class;
  const CheckResult old = check_import("v6.4", kGemVmapImport);
  STRCMP_EQUAL("recursive_locking", found(old).c_str());
  CHECK_TRUE(observed(old, lc::resv, lc::vmap_lock));
  CHECK_TRUE(observed(old, lc::vmap_lock, lc::pages_lock));
  CHECK_TRUE(observed(old, lc::resv, lc::pages_lock));
  CHECK_FALSE(observed(old, lc::vmap_lock, lc::vmap_lock));
  CHECK_FALSE(observed(old, lc::vmap_lock, lc::resv));
  CHECK_FALSE(observed(old, lc::pages_lock, lc::resv));
  CHECK_FALSE(observed(old, lc::pages_lock, lc::vmap_lock));
  const CheckResult merged = check_import("v6.5", kGemVmapImport);
  STRCMP_EQUAL("", found(merged).c_str());
  CHECK_FALSE(std::any_of(merged.exploration.observations.begin(),
                          merged.exploration.observations.end(),
                          [](const sched::ObservationSummary& o) {
                            return o.key.find(lc::vmap_lock) != std::string::npos;
                          }));
}

// The import's last put releases the attachment: the exporter's attach pin goes and, with the
// dma-buf's reference, the exporter is freed once the scenario's reference is gone too, in
// either order. Without the import's put the exporter stays (freed false is the final check).
TEST(DmaBufProgram, FreeingTheImportReleasesTheExporter) {
  for (const char* version : {"v6.4", "v6.5", "v6.10", "v6.16"}) {
    const CheckResult both = check_import(
        version, thread_t1({{"drm_gem_object_put", "bo"}, {"drm_gem_object_put", "imp"}}) +
                     R"(, "final": {"bo": {"freed": true, "pages_use_count": 0, "has_pages": false},
                                    "imp": {"freed": true}})");
    STRCMP_EQUAL("", found(both).c_str());
    const CheckResult import_only =
        check_import(version, thread_t1({{"drm_gem_object_put", "imp"}}) +
                                  R"(, "final": {"bo": {"freed": false, "pages_use_count": 0}})");
    STRCMP_EQUAL("", found(import_only).c_str());
    const CheckResult twice = check_import(version, thread_t1({{"drm_gem_object_put", "imp"},
                                                               {"drm_gem_object_put", "bo"},
                                                               {"drm_gem_object_put", "bo"}}));
    STRCMP_EQUAL("use_after_free", found(twice).c_str());
  }
}

// The release's dma_buf_unmap_attachment_unlocked takes the shared resv: the import's last put
// under it self-deadlocks in every version; after the unlock it is clean.
TEST(DmaBufProgram, TheImportsLastPutUnderTheResvSelfDeadlocks) {
  for (const char* version : {"v6.4", "v6.5", "v6.10", "v6.16"}) {
    const CheckResult under = check_import(version, thread_t1({{"dma_resv_lock", "imp"},
                                                               {"drm_gem_object_put", "imp"},
                                                               {"dma_resv_unlock", "imp"}}));
    STRCMP_EQUAL("self_deadlock", found(under).c_str());
    const CheckResult after = check_import(version, thread_t1({{"dma_resv_lock", "imp"},
                                                               {"dma_resv_unlock", "imp"},
                                                               {"drm_gem_object_put", "imp"}}));
    STRCMP_EQUAL("", found(after).c_str());
  }
}

// The mapping of an import is the exporter's VMA: fault, vm_open and vm_close on it move the
// exporter's pages count and references (balanced: clean, the attach pin's reference left); one
// vm_close too many takes the exporter's count below the attach pin's (final_state).
TEST(DmaBufProgram, VmOpsOfAnImportsMappingRunOnTheExporter) {
  const Ops mapping = {{"drm_gem_shmem_mmap", "imp"},
                       {"drm_gem_shmem_fault", "imp"},
                       {"drm_gem_shmem_vm_open", "imp"},
                       {"drm_gem_shmem_vm_close", "imp"},
                       {"drm_gem_shmem_vm_close", "imp"}};
  Ops one_close_more = mapping;
  one_close_more.emplace_back("drm_gem_shmem_vm_close", "imp");
  for (const char* version : {"v6.4", "v6.5", "v6.10", "v6.16"}) {
    const CheckResult balanced = check_import(
        version, thread_t1(mapping) +
                     R"(, "final": {"bo": {"pages_use_count": 1}, "imp": {"pages_use_count": 0}})");
    STRCMP_EQUAL("", found(balanced).c_str());
    const CheckResult extra = check_import(
        version, thread_t1(one_close_more) + R"(, "final": {"bo": {"pages_use_count": 1}})");
    STRCMP_EQUAL("final_state", found(extra).c_str());
  }
}

// A leftover importer vmap at the release: dma_buf_release's BUG_ON(vmapping_counter) and the
// exporter's free WARN, both leak.
TEST(DmaBufProgram, AnImporterVmapLeftAtTheReleaseLeaks) {
  const CheckResult r = check_import("v6.16", thread_t1({{"dma_buf_vmap_unlocked", "imp"},
                                                         {"drm_gem_object_put", "imp"},
                                                         {"drm_gem_object_put", "bo"}}));
  STRCMP_EQUAL("leak", found(r).c_str());
  LONGS_EQUAL(2, finding(r, sched::FindingKind::leak).sites);
}

}  // namespace resvcheck::scenarios
