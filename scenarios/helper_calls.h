// The shmem helper and GEM core calls (scenario-format.md, "Ops", those two groups) on the helper
// version of the execution: which names each version exports, and the dispatch of each call to
// that version's model function.
#pragma once

#include <string>

#include "model/shmem_object.h"
#include "model/version.h"
#include "scenarios/ret_value.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

/// Whether `v` exports `c` (a shmem helper or GEM core call); if not, why ("is static in v6.5").
bool exported(Call c, model::Version v);
std::string not_exported_reason(Call c, model::Version v);

/// Whether the kernel runs `c` under the caller's mmap_lock (a vm op or the mmap handler).
bool under_mmap_lock(Call c);

/// Runs `op` (a call `v` exports) on `obj` with the model of `v`.
RetValue run_helper_call(model::Version v, model::ShmemObject& obj, const Op& op);

/// The version's drm_gem_shmem_free, the GEM object's release path.
using FreeFn = void (*)(model::GemObject&);
FreeFn shmem_free(model::Version v);

/// The version's drm_gem_pin (the pin of a dma-buf attach): 0 or an error.
int gem_pin(model::Version v, model::ShmemObject& obj);

}  // namespace resvcheck::scenarios
