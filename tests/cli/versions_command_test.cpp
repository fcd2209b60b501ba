// `resvcheck versions` end to end: every version, and contracts observed from the model.
#include <string>

#include "tests/cli/support.h"

#include "CppUTest/TestHarness.h"

namespace {

bool has_line(const std::string& out, const std::string& start, const std::string& part) {
  for (size_t at = out.find(start); at != std::string::npos; at = out.find(start, at + 1)) {
    const std::string line = out.substr(at, out.find('\n', at) - at);
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_GROUP(VersionsCommand){};

TEST(VersionsCommand, ListsEveryVersionWithTheContractsOfItsCalls) {
  int status = -1;
  const std::string out = resvcheck::cli_test::output_of("versions", &status);
  LONGS_EQUAL(0, status);
  for (const char* v : {"v6.4  ", "v6.5  ", "v6.10  ", "v6.16  "})
    CHECK_TEXT(out.find(std::string("\n") + v) != std::string::npos || out.rfind(v, 0) == 0, v);
  // The review's point: the same name, another contract.
  CHECK(has_line(out, "  drm_gem_shmem_pin ", "takes pages_lock"));
  CHECK(has_line(out, "  drm_gem_shmem_pin ", "takes reservation_ww_class_mutex"));
  CHECK(has_line(out, "  drm_gem_shmem_pin_locked ", "is static in v6.5"));
  CHECK(has_line(out, "  drm_gem_shmem_pin_locked ", "with the resv held: asserts"));
  CHECK(has_line(out, "  drm_gem_shmem_vmap ", "takes vmap_lock, takes pages_lock"));
}
