// Which files make up the vault (OBSIDIAN-LINKS.md rule 16).
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vaultlink/fs.hpp"
#include "vaultlink/vault.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

// Obsidian's "Excluded files" (userIgnoreFilters): a plain entry is a path
// prefix, an entry written /like this/ is a regular expression.
class IgnoreFilters {
 public:
  IgnoreFilters(const fs::path& root, const Settings& settings) {
    for (const auto& folder : settings.excluded_folders) {
      std::string prefix = folder;
      while (prefix.ends_with('/')) prefix.pop_back();
      if (!prefix.empty()) folder_prefixes_.push_back(prefix + "/");
    }
    std::ifstream in(root / ".obsidian" / "app.json", std::ios::binary);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    auto app = nlohmann::json::parse(text.str(), nullptr, false);
    if (!app.is_object() || !app.contains("userIgnoreFilters") || !app["userIgnoreFilters"].is_array()) return;
    for (const auto& filter : app["userIgnoreFilters"]) {
      if (!filter.is_string()) continue;
      std::string value = filter.get<std::string>();
      if (value.size() > 2 && value.front() == '/' && value.back() == '/') {
        try {
          patterns_.emplace_back(value.substr(1, value.size() - 2), std::regex::ECMAScript);
        } catch (const std::regex_error&) {
          // Obsidian ignores a filter it cannot compile; so do we.
        }
      } else if (!value.empty()) {
        prefixes_.push_back(value);
      }
    }
  }

  bool ignores(const std::string& path, bool is_folder) const {
    const std::string as_folder = is_folder ? path + "/" : path;
    for (const auto& prefix : folder_prefixes_)
      if (as_folder.starts_with(prefix)) return true;
    for (const auto& prefix : prefixes_)
      if (path.starts_with(prefix) || as_folder.starts_with(prefix)) return true;
    if (!is_folder)
      for (const auto& pattern : patterns_)
        if (std::regex_search(path, pattern)) return true;
    return false;
  }

 private:
  std::vector<std::string> folder_prefixes_;
  std::vector<std::string> prefixes_;
  std::vector<std::regex> patterns_;
};

Diagnostic scan_problem(std::string path, std::string message) {
  Diagnostic diagnostic;
  diagnostic.path = std::move(path);
  diagnostic.code = std::string(code::unreadable_file);
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace

std::vector<std::string> scan_vault_files(const fs::path& root, const Settings& settings,
                                          std::vector<Diagnostic>& problems) {
  const IgnoreFilters filters(root, settings);
  std::vector<std::string> files;
  std::error_code error;
  // Directory symlinks are not followed: a link to a parent folder would loop
  // and a link to elsewhere would read outside the vault.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  if (error) throw std::runtime_error("cannot read vault folder " + root.string() + ": " + error.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      problems.push_back(scan_problem(fs::relative(it->path(), root, error).generic_string(),
                                      "cannot read folder: " + error.message()));
      error.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const std::string path = entry.path().lexically_relative(root).generic_string();
    if (name.starts_with(".")) {  // .git, .obsidian, .trash, dot files, our own temp files
      if (entry.is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    const bool is_symlink = entry.is_symlink(error);
    if (is_symlink) {
      std::error_code target_error;
      fs::file_status target = fs::status(entry.path(), target_error);
      if (target_error) {
        problems.push_back(scan_problem(path, "symbolic link cannot be followed: " + target_error.message()));
        continue;
      }
      if (fs::is_directory(target)) continue;  // see above: folders behind links are not part of the vault
      if (!is_inside(root, entry.path())) {
        problems.push_back(scan_problem(path, "symbolic link points outside the vault; not read"));
        continue;
      }
      if (!fs::is_regular_file(target)) continue;
    } else if (entry.is_directory(error)) {
      if (filters.ignores(path, true)) it.disable_recursion_pending();
      continue;
    } else if (!entry.is_regular_file(error)) {
      continue;  // sockets, fifos, devices
    }
    if (filters.ignores(path, false)) continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace vaultlink
