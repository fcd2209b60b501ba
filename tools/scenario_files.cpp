#include "tools/scenario_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "scenarios/scenario_loader.h"

namespace resvcheck::tools {

namespace fs = std::filesystem;

std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (!fs::is_directory(p)) {
      files.push_back(p);
      continue;
    }
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(p))
      if (e.is_regular_file() && e.path().extension() == ".json")
        files.push_back(e.path().generic_string());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::optional<std::vector<ScenarioFile>> load_files(const std::vector<std::string>& files,
                                                    std::ostream& err) {
  std::vector<ScenarioFile> loaded;
  std::map<std::string, std::string> file_of_name;
  bool ok = true;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      err << file << ": cannot read the file\n";
      ok = false;
      continue;
    }
    scenarios::LoadResult r = scenarios::load_scenario(text.str());
    for (const scenarios::Problem& p : r.problems)
      err << file << ": " << p.where << ": " << p.message << "\n";
    ok = ok && r.problems.empty();
    if (!r.scenario) continue;
    const auto [it, fresh] = file_of_name.emplace(r.scenario->name, file);
    if (!fresh) {
      err << file << ": /name: expected a name no other scenario of this run has, found \""
          << r.scenario->name << "\" (also in " << it->second << ")\n";
      ok = false;
      continue;
    }
    loaded.push_back({file, std::move(*r.scenario)});
  }
  if (!ok) return std::nullopt;
  return loaded;
}

}  // namespace resvcheck::tools
