// Reading which versions a scenario checks and what each must find (`versions`, `expect`).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

/// The keys of an expectation object: {"includes": [...], "excludes": [...]}.
inline constexpr std::array<std::string_view, 2> kExpectationKeys = {"includes", "excludes"};

/// The versions to check, in release order, each with its expectation, from the scenario object
/// `doc`. Problems go to `reader`.
std::vector<VersionCheck> load_checks(JsonReader& reader, const Json& doc);

}  // namespace resvcheck::scenarios
