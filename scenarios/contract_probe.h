// What each shmem-helper and GEM-core call does in each helper version, observed by running the
// call alone on a fresh native object: the locks it takes and asserts (lockdep's journal), how
// the counters move, what it returns and what it reports. `resvcheck versions` prints it, so the
// contracts it shows are the model's own, never a second copy that could drift.
#pragma once

#include <string>
#include <vector>

#include "model/version.h"
#include "scenarios/calls.h"

namespace resvcheck::scenarios {

struct CallContract {
  Call call{};
  bool exported = false;
  std::string not_exported_reason;   // "is static in v6.5"
  bool needs_resv = false;           // asserts the resv: observed with the caller holding it
  std::vector<std::string> journal;  // "takes pages_lock", "asserts drm_gem_shmem_get_pages"
  std::string counters;              // "pages_use_count +1, vmap_use_count +1"
  std::string result;                // "returns 0", "returns -EINVAL"
  std::string findings;              // e.g. "underflow" on a fresh object
};

/// Every call of the shmem-helper and GEM-core groups (but drm_gem_object_put), in list order.
std::vector<CallContract> probe_contracts(model::Version v);

}  // namespace resvcheck::scenarios
