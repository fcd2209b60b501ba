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
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);  // a file, or a path load_files reports as unreadable
      continue;
    }
    // Without exceptions: a folder that cannot be listed adds nothing rather than crashing.
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec) && it->path().extension() == ".json")
        files.push_back(it->path().generic_string());
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
      std::error_code ec;
      err << file << ": cannot read the file"
          << (fs::exists(file, ec) ? "" : " (no such file or directory)") << "\n";
      ok = false;
      continue;
    }
    scenarios::LoadResult r = scenarios::load_scenario(text.str());
    for (const scenarios::Problem& p : r.problems)  // one printable line each
      err << file << ": " << scenarios::printable(p.where) << ": "
          << scenarios::printable(p.message) << "\n";
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
