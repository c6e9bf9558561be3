#pragma once
// Which vault-relative paths belong to the vault (OBSIDIAN-LINKS.md rule 16):
// no dot folders or dot files, nothing under the excludedFolders setting, and
// nothing Obsidian's "Excluded files" (userIgnoreFilters in
// .obsidian/app.json) leaves out. The scan, the incremental refresh and the
// checks of unsaved buffers all ask this one object, so they never disagree.
#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace vaultlink {

struct Settings;

class VaultMembership {
 public:
  VaultMembership() = default;
  // Reads userIgnoreFilters from root/.obsidian/app.json (a missing or broken
  // file means no filters, as in Obsidian).
  VaultMembership(const std::filesystem::path& root, const Settings& settings);

  // True when the file (or, with is_folder, the folder) at `path` is left
  // out of the vault, by its own name or by any folder above it.
  bool excludes(std::string_view path, bool is_folder = false) const;

  // The filters alone, for one entry whose parent folders are known to be in
  // the vault (the scan walks down and prunes excluded folders as it goes).
  bool filters_exclude(const std::string& path, bool is_folder) const;

 private:
  std::vector<std::string> folder_prefixes_;  // excludedFolders, each ending in '/'
  std::vector<std::string> prefixes_;         // plain userIgnoreFilters entries
  std::vector<std::regex> patterns_;          // userIgnoreFilters written /like this/
};

}  // namespace vaultlink
