// `--shard K/N`: which (scenario, version) pairs this process checks, so that N processes (a CI
// matrix, a batch array) split a run and `resvcheck merge` puts their reports back together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace resvcheck::tools {

struct Shard {
  uint32_t index = 1;  // K, 1-based
  uint32_t count = 1;  // N
  /// Whether the pair at `position` (in report order over the whole run) is this shard's.
  bool owns(size_t position) const { return position % count == index - 1; }
};

/// "K/N" (1 <= K <= N); "auto", which reads the runner's environment: GitLab's
/// CI_NODE_INDEX/CI_NODE_TOTAL, or Slurm's SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN) and
/// SLURM_ARRAY_TASK_COUNT; or "auto/N" for runners that give only an index: a Kubernetes indexed
/// Job's JOB_COMPLETION_INDEX (0-based), or the two above. Nothing, with `error` set, otherwise.
std::optional<Shard> parse_shard(std::string_view text, std::string& error);

}  // namespace resvcheck::tools
