#pragma once
// A vault: its root, settings, index and link graph, loaded in parallel.
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"
#include "vaultlink/vault_membership.hpp"

namespace vaultlink {

// What a refresh changed, and the work it implies elsewhere in the vault.
// Every set names notes that exist after the refresh.
struct VaultDelta {
  std::vector<std::string> changed;  // files added, modified or removed, ordered
  std::set<std::string, std::less<>> removed_notes;
  // Notes whose diagnostics may differ: the changed notes, notes whose links
  // were re-resolved (a file of a name they link to appeared or went), and
  // notes linking to a changed file (its headings and block ids may differ).
  std::set<std::string, std::less<>> revalidate;
  // Notes whose generated backlinks section may differ: targets a changed or
  // re-resolved note links to now or linked to before, targets of notes
  // whose shortest link changed, and the changed notes themselves.
  std::set<std::string, std::less<>> backlink_targets;
  // Files appeared or went, or aliases changed: the suggestions offered for
  // broken links anywhere may differ.
  bool names_changed = false;
  bool empty() const { return changed.empty(); }
};

// Called while loading: files parsed so far, and in all.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

class Vault {
 public:
  // Scans and parses the vault at `root` on all cores. Throws std::runtime_error
  // when root is not a readable folder.
  static Vault load(const std::filesystem::path& root, Settings settings, const ProgressFn& progress = {});

  const std::filesystem::path& root() const { return root_; }
  const Settings& settings() const { return settings_; }
  const VaultIndex& index() const { return index_; }
  const LinkGraph& graph() const { return graph_; }

  // Diagnostics of every note (or of the given vault-relative notes), sorted.
  std::vector<Diagnostic> check(const std::vector<std::string>& only_paths = {}) const;

  // Brings the index and link graph up to date with the files at `paths`
  // (vault-relative files or folders, as they are on disk now: a missing path
  // is removed, a folder is scanned). A note whose size and mtime match the
  // index is not read again, so a host's own writes, once refreshed, cost
  // nothing when the watcher reports them. Work is proportional to the
  // changed files and the notes linking to them, not to the vault's size.
  VaultDelta refresh(const std::vector<std::string>& paths);
  // Which paths belong to the vault (rule 16).
  const VaultMembership& membership() const { return membership_; }
  // Problems met while scanning (symlink loops, unreadable folders).
  const std::vector<Diagnostic>& scan_problems() const { return scan_problems_; }

 private:
  std::filesystem::path root_;
  Settings settings_;
  VaultIndex index_;
  LinkGraph graph_;
  VaultMembership membership_;
  std::vector<Diagnostic> scan_problems_;
};

// The vault-relative paths of every file in the vault (rule 16: no dot
// folders, no userIgnoreFilters, no excludedFolders), ordered. Symlinks are
// followed only to files inside the vault; problems are appended to `problems`.
std::vector<std::string> scan_vault_files(const std::filesystem::path& root, const Settings& settings,
                                          std::vector<Diagnostic>& problems);

class VaultMembership;
// The same for the files below one vault-relative folder ("" for the whole
// vault), whose own membership the caller has checked.
std::vector<std::string> scan_vault_folder(const std::filesystem::path& root, const VaultMembership& membership,
                                           const std::string& folder, std::vector<Diagnostic>& problems);

}  // namespace vaultlink
