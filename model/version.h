// The helper versions a scenario is checked against (scenario-format.md, "Helper versions"),
// defined once: the loader, the reports and the CLI use these names and this release order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace resvcheck::model {

/// In release order; reports list results in this order.
enum class Version : uint8_t { v6_4, v6_5, v6_10, v6_16 };

inline constexpr std::array<std::string_view, 4> kVersionNames = {"v6.4", "v6.5", "v6.10", "v6.16"};

inline constexpr std::array<Version, 4> kAllVersions = {Version::v6_4, Version::v6_5,
                                                        Version::v6_10, Version::v6_16};

inline std::string_view version_name(Version v) { return kVersionNames[static_cast<size_t>(v)]; }

/// The kernel range of each version and what it is (scenario-format.md, "Helper versions").
inline constexpr std::array<std::string_view, 4> kVersionSummaries = {
    "<= v6.4: before the patch: per-object pages_lock and vmap_lock; the resv taken by GEM core "
    "and dma-buf",
    "v6.5 .. v6.9: the patch as merged (21aa27ddc582): the resv only, NULL-context self-locking "
    "wrappers, pin_locked private",
    "v6.10 .. v6.15: drm_gem_shmem_pin_locked/unpin_locked exported; drm_gem_pin() takes the "
    "resv; COW mmap refused",
    "v6.16 and later: _locked names, pages_pin_count, refcount_t counters, lockless pin/unpin "
    "fast paths, vmap holds a pin",
};

inline std::string_view version_summary(Version v) {
  return kVersionSummaries[static_cast<size_t>(v)];
}

std::optional<Version> parse_version(std::string_view name);

}  // namespace resvcheck::model
