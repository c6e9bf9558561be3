#include "vaultlink/vault.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "load_progress.hpp"
#include "note_cache_loader.hpp"
#include "parallel.hpp"
#include "vault_file_loader.hpp"
#include "vaultlink/parse.hpp"
#include "vaultlink/validate.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

std::uint64_t content_hash(std::string_view bytes) {
  const std::uint64_t hash = std::hash<std::string_view>{}(bytes);
  return hash == 0 ? 1 : hash;  // 0 means unknown
}

VaultFile load_vault_file(const fs::path& root, const std::string& path, std::uint64_t max_note_bytes) {
  VaultFile file;
  file.path = path;
  file.is_note = is_note_path(path);
  if (!file.is_note) return file;
  ReadResult read = read_file(root / path, max_note_bytes);
  file.stamp = read.stamp;
  if (!read.ok()) {
    file.read_error = read.error;
    return file;
  }
  file.content_hash = content_hash(read.bytes);
  file.note = std::make_shared<const Note>(parse_note(path, read.bytes));
  return file;
}

Vault Vault::load(const fs::path& root, Settings settings, const ProgressFn& progress) {
  return load(root, std::move(settings), LoadOptions{progress, false});
}

Vault Vault::load(const fs::path& root, Settings settings, const LoadOptions& options) {
  std::error_code error;
  if (!fs::is_directory(root, error)) throw std::runtime_error("not a folder: " + root.string());
  Vault vault;
  vault.root_ = fs::canonical(root);
  vault.settings_ = std::move(settings);
  vault.membership_ = VaultMembership(vault.root_, vault.settings_);
  NoteCacheLoader files(vault.root_, vault.settings_, options.use_cache);  // before the scan: see its .cpp
  const std::vector<std::string> paths = scan_vault_folder(vault.root_, vault.membership_, "", vault.scan_problems_);
  files.expect_files(paths.size());

  // Reading and parsing dominate a cold load; every core takes the next file.
  std::vector<VaultFile> loaded(paths.size());
  LoadProgress progress(options.progress, paths.size());
  parallel_for(paths.size(), [&](std::size_t i) {
    loaded[i] = files.load(i, paths[i]);
    progress.file_finished();
  });

  for (auto& file : loaded) vault.index_.upsert(std::move(file));
  vault.graph_.rebuild(vault.index_);
  vault.load_stats_ = files.finish();
  return vault;
}

std::vector<Diagnostic> Vault::check(const std::vector<std::string>& only_paths) const {
  std::vector<const VaultFile*> notes;
  if (only_paths.empty()) {
    for (const auto& [path, file] : index_.files())
      if (file.is_note) notes.push_back(&file);
  } else {
    for (const auto& path : only_paths)
      if (const VaultFile* file = index_.find(path); file && file->is_note) notes.push_back(file);
  }
  // Validation reads the index only; each thread keeps its own suggestion cache.
  std::vector<std::vector<Diagnostic>> per_note(notes.size());
  std::mutex caches_mutex;
  std::map<std::thread::id, SuggestionCache> caches;
  parallel_for(notes.size(), [&](std::size_t i) {
    SuggestionCache* cache;
    {
      std::lock_guard lock(caches_mutex);
      cache = &caches[std::this_thread::get_id()];
    }
    per_note[i] = validate_note(index_, graph_, settings_, *notes[i], *cache);
  });
  std::vector<Diagnostic> diagnostics;
  for (auto& found : per_note)
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  for (const auto& problem : scan_problems_) {
    if (!only_paths.empty() && std::find(only_paths.begin(), only_paths.end(), problem.path) == only_paths.end())
      continue;
    Diagnostic diagnostic = problem;
    diagnostic.severity = settings_.severity_of(diagnostic.code);
    if (diagnostic.severity != Severity::off) diagnostics.push_back(std::move(diagnostic));
  }
  sort_diagnostics(diagnostics);
  return diagnostics;
}

}  // namespace vaultlink
