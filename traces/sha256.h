// SHA-256 (FIPS 180-4), for the hash a trace keeps of its embedded scenario.
#pragma once

#include <string>
#include <string_view>

namespace resvcheck::traces {

/// The digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace resvcheck::traces
