#include "model/version.h"

namespace resvcheck::model {

std::optional<Version> parse_version(std::string_view name) {
  for (Version v : kAllVersions)
    if (version_name(v) == name) return v;
  return std::nullopt;
}

}  // namespace resvcheck::model
