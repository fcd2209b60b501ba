// Reading which versions a scenario checks and what each must find (`versions`, `expect`).
#pragma once

#include <vector>

#include "scenarios/json_reader.h"
#include "scenarios/scenario.h"

namespace resvcheck::scenarios {

/// The versions to check, in release order, each with its expectation, from the scenario object
/// `doc`. Problems go to `reader`.
std::vector<VersionCheck> load_checks(JsonReader& reader, const Json& doc);

}  // namespace resvcheck::scenarios
