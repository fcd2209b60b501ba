#include "traces/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace resvcheck::traces {

std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view content) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return "cannot write " + temp.string() + ": " + reason;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (!ec) return std::nullopt;
  const std::string reason = ec.message();
  std::filesystem::remove(temp, ec);
  return "cannot rename " + temp.string() + " to " + path.string() + ": " + reason;
}

}  // namespace resvcheck::traces
