// Finding and loading the scenario files a `check` run names.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scenarios/scenario.h"

namespace resvcheck::tools {

/// The files `paths` name: a folder stands for every *.json below it. Sorted in byte order of
/// the paths, each once.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths);

struct ScenarioFile {
  std::string path;
  scenarios::Scenario scenario;
};

/// Loads `files`, skipping resvcheck outputs (reports, traces, lock graphs). Prints every
/// problem to `err` as `FILE: where: message` (two files may not share a scenario name) and
/// returns nothing if there was any.
std::optional<std::vector<ScenarioFile>> load_files(const std::vector<std::string>& files,
                                                    std::ostream& err);

}  // namespace resvcheck::tools
