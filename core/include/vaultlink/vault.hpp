#pragma once
// A vault: its root, settings, index and link graph, loaded in parallel.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

// Called while loading: files parsed so far, and in all.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

struct LoadOptions {
  ProgressFn progress;
  // Reuse the parsed notes of the vault's index cache (.vaultlink/index.cache,
  // see note_cache.hpp) whose files are unchanged, and write the cache back
  // when anything changed and the vault is writable.
  bool use_cache = false;
};

// What a load did, for tests and benchmarks.
struct LoadStats {
  std::size_t notes_parsed = 0;  // read and parsed
  std::size_t notes_reused = 0;  // taken from the index cache, not read
  bool cache_written = false;
  std::string cache_problem;     // why the cache could not be written, if it could not
};

class Vault {
 public:
  // Scans and parses the vault at `root` on all cores. Throws std::runtime_error
  // when root is not a readable folder.
  static Vault load(const std::filesystem::path& root, Settings settings, const ProgressFn& progress = {});
  static Vault load(const std::filesystem::path& root, Settings settings, const LoadOptions& options);

  const std::filesystem::path& root() const { return root_; }
  const Settings& settings() const { return settings_; }
  const VaultIndex& index() const { return index_; }
  const LinkGraph& graph() const { return graph_; }

  // Diagnostics of every note (or of the given vault-relative notes), sorted.
  std::vector<Diagnostic> check(const std::vector<std::string>& only_paths = {}) const;

  // Problems met while scanning (symlink loops, unreadable folders).
  const std::vector<Diagnostic>& scan_problems() const { return scan_problems_; }

  const LoadStats& load_stats() const { return load_stats_; }

 private:
  std::filesystem::path root_;
  Settings settings_;
  VaultIndex index_;
  LinkGraph graph_;
  std::vector<Diagnostic> scan_problems_;
  LoadStats load_stats_;
};

// The vault-relative paths of every file in the vault (rule 16: no dot
// folders, no userIgnoreFilters, no excludedFolders), ordered. Symlinks are
// followed only to files inside the vault; problems are appended to `problems`.
std::vector<std::string> scan_vault_files(const std::filesystem::path& root, const Settings& settings,
                                          std::vector<Diagnostic>& problems);

}  // namespace vaultlink
