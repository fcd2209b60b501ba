// Loading the shmem helper, GEM core and drm_exec ops: their arguments (madv, mapping, exec,
// objects, flags), pin_callback, and the input errors for each.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios/scenario_loader.h"
#include "tests/scenarios/support.h"

#include "CppUTest/TestHarness.h"

namespace resvcheck::scenarios {
namespace {

Json base() {
  return Json::parse(R"({
    "name": "base",
    "objects": [{"name": "bo", "type": "shmem"}, {"name": "imp", "type": "import", "of": "bo"}],
    "threads": [{"name": "t1", "ops": [{"call": "drm_gem_shmem_pin", "object": "bo"}]}]
  })");
}

Json with_op(Json op) {
  Json doc = base();
  doc["threads"][0]["ops"][0] = std::move(op);
  return doc;
}

const Op& first_op(const LoadResult& r) { return r.scenario->threads[0].ops[0]; }

}  // namespace

TEST_GROUP(HelperLoader){};

TEST(HelperLoader, ReadsMadvAndMapping) {
  LoadResult r = load_scenario(
      with_op({{"call", "drm_gem_shmem_madvise"}, {"object", "bo"}, {"madv", "dontneed"}}).dump());
  CHECK_TRUE(r.problems.empty());
  LONGS_EQUAL(1, first_op(r).madv);
  r = load_scenario(
      with_op({{"call", "drm_gem_shmem_mmap"}, {"object", "bo"}, {"mapping", "private"}}).dump());
  CHECK_TRUE(r.problems.empty());
  CHECK_TRUE(first_op(r).mapping == model::Mapping::private_);
  STRCMP_EQUAL(
      "/threads/0/ops/0/madv: expected \"dontneed\" or \"willneed\", found \"free\"",
      problem(
          with_op({{"call", "drm_gem_shmem_madvise_locked"}, {"object", "bo"}, {"madv", "free"}}))
          .c_str());
  STRCMP_EQUAL("/threads/0/ops/0/madv: expected \"dontneed\" or \"willneed\", found nothing",
               problem(with_op({{"call", "drm_gem_shmem_madvise"}, {"object", "bo"}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/mapping: expected \"shared\" or \"private\", found \"cow\"",
      problem(with_op({{"call", "drm_gem_shmem_mmap"}, {"object", "bo"}, {"mapping", "cow"}}))
          .c_str());
}

TEST(HelperLoader, ReturnValuesFollowTheCall) {
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected 0 or \"SIGBUS\" for drm_gem_shmem_fault, found \"-EINTR\"",
      problem(with_op({{"call", "drm_gem_shmem_fault"}, {"object", "bo"}, {"ret", "-EINTR"}}))
          .c_str());
  const LoadResult r = load_scenario(
      with_op({{"call", "drm_gem_shmem_purge"}, {"object", "bo"}, {"ret", false}}).dump());
  CHECK_TRUE(r.problems.empty());  // a bool in v6.4, void later
}

TEST(HelperLoader, ReadsDrmExecOps) {
  Json doc = base();
  doc["threads"][0]["ops"] = Json::parse(R"([
      {"call": "drm_exec_lock", "exec": "e", "objects": ["bo", "imp"],
       "flags": ["ignore_duplicates"]},
      {"call": "drm_exec_unlock_obj", "exec": "e", "object": "imp"},
      {"call": "drm_exec_fini", "exec": "e"}])");
  const LoadResult r = load_scenario(doc.dump());
  CHECK_TRUE(r.problems.empty());
  const Op& lock = first_op(r);
  LONGS_EQUAL(2, lock.objects.size());
  LONGS_EQUAL(1, lock.objects[1]);
  CHECK_TRUE(lock.flags.ignore_duplicates && !lock.flags.interruptible);
  LONGS_EQUAL(1, r.scenario->threads[0].execs.size());
}

TEST(HelperLoader, DrmExecErrors) {
  STRCMP_EQUAL("/threads/0/ops/0/exec: exec 'e' is never locked (drm_exec_lock) in thread 't1'",
               problem(with_op({{"call", "drm_exec_fini"}, {"exec", "e"}})).c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/objects/1: expected an object declared in /objects, found \"zz\"",
      problem(with_op({{"call", "drm_exec_lock"}, {"exec", "e"}, {"objects", {"bo", "zz"}}}))
          .c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/flags/0: expected \"interruptible\" or \"ignore_duplicates\", found "
      "\"fast\"",
      problem(
          with_op(
              {{"call", "drm_exec_lock"}, {"exec", "e"}, {"objects", {"bo"}}, {"flags", {"fast"}}}))
          .c_str());
  STRCMP_EQUAL("/threads/0/ops/0/exec: expected an exec name, found nothing",
               problem(with_op({{"call", "drm_exec_fini"}})).c_str());
}

TEST(HelperLoader, PinCallbackIsStored) {
  Json doc = base();
  doc["objects"][0]["pin_callback"] = "drm_gem_shmem_pin";
  const LoadResult r = load_scenario(doc.dump());
  CHECK_TRUE(r.problems.empty());
  CHECK_TRUE(r.scenario->objects[0].pin_callback == model::PinCallback::shmem_pin);
  CHECK_TRUE(r.scenario->objects[1].pin_callback == model::PinCallback::object_pin);
}

TEST(HelperLoader, CallsOnAnImport) {
  CHECK_TRUE(load_scenario(with_op({{"call", "drm_gem_shmem_pin"}, {"object", "imp"}}).dump())
                 .problems.empty());
  CHECK_TRUE(load_scenario(with_op({{"call", "drm_gem_shmem_vmap"}, {"object", "imp"}}).dump())
                 .problems.empty());
  CHECK_TRUE(
      load_scenario(with_op({{"call", "drm_gem_shmem_get_pages_sgt"}, {"object", "imp"}}).dump())
          .problems.empty());
  // The pin of an import WARNs and fails: its -EINVAL can be expected.
  CHECK_TRUE(
      load_scenario(
          with_op({{"call", "drm_gem_shmem_pin"}, {"object", "imp"}, {"ret", "-EINVAL"}}).dump())
          .problems.empty());
}

// The dma-buf calls take an import, and only an import; their `ret` sets are exact.
TEST(HelperLoader, DmaBufCallsTakeAnImport) {
  for (const char* call :
       {"dma_buf_vmap", "dma_buf_vunmap", "dma_buf_vmap_unlocked", "dma_buf_vunmap_unlocked",
        "dma_buf_map_attachment", "dma_buf_unmap_attachment", "dma_buf_map_attachment_unlocked",
        "dma_buf_unmap_attachment_unlocked", "dma_buf_pin", "dma_buf_unpin", "dma_buf_mmap"}) {
    CHECK_TRUE(load_scenario(with_op({{"call", call}, {"object", "imp"}}).dump()).problems.empty());
    STRCMP_EQUAL(("/threads/0/ops/0/object: call " + std::string(call) +
                  " needs an import, but 'bo' is a shmem object")
                     .c_str(),
                 problem(with_op({{"call", call}, {"object", "bo"}})).c_str());
  }
  CHECK_TRUE(load_scenario(
                 with_op({{"call", "dma_buf_mmap"}, {"object", "imp"}, {"ret", "-EINTR"}}).dump())
                 .problems.empty());
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected 0, \"-EINTR\" or \"-ENOMEM\" for dma_buf_vmap_unlocked, "
      "found \"-EINVAL\"",
      problem(with_op({{"call", "dma_buf_vmap_unlocked"}, {"object", "imp"}, {"ret", "-EINVAL"}}))
          .c_str());
  STRCMP_EQUAL(
      "/threads/0/ops/0/ret: expected 0 for dma_buf_pin, found \"-ENOMEM\"",
      problem(with_op({{"call", "dma_buf_pin"}, {"object", "imp"}, {"ret", "-ENOMEM"}})).c_str());
}

}  // namespace resvcheck::scenarios
