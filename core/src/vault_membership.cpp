#include "vaultlink/vault_membership.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "vaultlink/settings.hpp"

namespace vaultlink {

VaultMembership::VaultMembership(const std::filesystem::path& root, const Settings& settings) {
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

bool VaultMembership::filters_exclude(const std::string& path, bool is_folder) const {
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

bool VaultMembership::excludes(std::string_view path, bool is_folder) const {
  if (path.empty()) return false;  // the root itself
  // Every folder above the entry, then the entry: the same order the scan
  // meets them in, so a folder filter prunes everything below it.
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end == start || path[start] == '.') return true;  // empty segment or a dot name
    const bool last = end == path.size();
    if (filters_exclude(std::string(path.substr(0, end)), last ? is_folder : true)) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace vaultlink
