#include "tools/shard.h"

#include <charconv>
#include <cstdlib>

namespace resvcheck::tools {
namespace {

std::optional<uint32_t> number(std::string_view text) {
  uint32_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::optional<uint32_t> env_number(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? number(v) : std::nullopt;
}

/// The runner's 1-based index and, when it tells, the count.
std::optional<std::pair<uint32_t, std::optional<uint32_t>>> from_environment() {
  if (auto k = env_number("CI_NODE_INDEX")) return {{*k, env_number("CI_NODE_TOTAL")}};
  if (auto id = env_number("SLURM_ARRAY_TASK_ID"))
    return {{*id - env_number("SLURM_ARRAY_TASK_MIN").value_or(0) + 1,
             env_number("SLURM_ARRAY_TASK_COUNT")}};
  if (auto k = env_number("JOB_COMPLETION_INDEX")) return {{*k + 1, std::nullopt}};
  return std::nullopt;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string& error) {
  const size_t slash = text.find('/');
  const std::string_view k = text.substr(0, slash);
  std::optional<uint32_t> count;
  if (slash != std::string_view::npos) {
    count = number(text.substr(slash + 1));
    if (!count) {
      error = "--shard: expected K/N, auto or auto/N, found \"" + std::string(text) + "\"";
      return std::nullopt;
    }
  }
  std::optional<uint32_t> index;
  if (k == "auto") {
    const auto env = from_environment();
    if (!env) {
      error =
          "--shard auto: none of CI_NODE_INDEX, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX is "
          "set";
      return std::nullopt;
    }
    index = env->first;
    if (!count) count = env->second;
    if (!count) {
      error =
          "--shard auto: the runner gives no shard count (JOB_COMPLETION_INDEX): use "
          "--shard auto/N";
      return std::nullopt;
    }
  } else {
    index = number(k);
    if (!index || !count) {
      error = "--shard: expected K/N, auto or auto/N, found \"" + std::string(text) + "\"";
      return std::nullopt;
    }
  }
  if (*count == 0 || *index == 0 || *index > *count) {
    error = "--shard: the shard " + std::to_string(*index) + "/" + std::to_string(*count) +
            " is not in 1.." + std::to_string(*count);
    return std::nullopt;
  }
  return Shard{*index, *count};
}

}  // namespace resvcheck::tools
