// Writing an output file so that readers never see it half written: write a temporary file
// next to it, then rename it over the target.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace resvcheck::traces {

/// Writes `content` to `path`; on failure returns what went wrong (and leaves `path` as it was).
std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content);

}  // namespace resvcheck::traces
