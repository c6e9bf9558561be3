#include "vaultlink/vault.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "vaultlink/parse.hpp"
#include "vaultlink/validate.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

VaultFile load_file(const fs::path& root, const std::string& path, const Settings& settings) {
  VaultFile file;
  file.path = path;
  file.is_note = is_note_path(path);
  if (!file.is_note) return file;
  ReadResult read = read_file(root / path, settings.max_note_bytes);
  file.stamp = read.stamp;
  if (!read.ok()) {
    file.read_error = read.error;
    return file;
  }
  file.note = std::make_shared<const Note>(parse_note(path, read.bytes));
  return file;
}

unsigned worker_count(std::size_t jobs) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(cores, std::max<std::size_t>(1, jobs)));
}

}  // namespace

Vault Vault::load(const fs::path& root, Settings settings, const ProgressFn& progress) {
  std::error_code error;
  if (!fs::is_directory(root, error)) throw std::runtime_error("not a folder: " + root.string());
  Vault vault;
  vault.root_ = fs::canonical(root);
  vault.settings_ = std::move(settings);
  const std::vector<std::string> paths = scan_vault_files(vault.root_, vault.settings_, vault.scan_problems_);

  // Reading and parsing dominate a cold load; every core takes the next file.
  std::vector<VaultFile> loaded(paths.size());
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex progress_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      loaded[i] = load_file(vault.root_, paths[i], vault.settings_);
      std::size_t finished = ++done;
      if (progress && (finished % 256 == 0 || finished == paths.size())) {
        std::lock_guard lock(progress_mutex);
        progress(finished, paths.size());
      }
    }
  };
  std::vector<std::jthread> workers;
  for (unsigned i = 1; i < worker_count(paths.size()); ++i) workers.emplace_back(work);
  work();
  workers.clear();  // joins

  for (auto& file : loaded) vault.index_.upsert(std::move(file));
  vault.graph_.rebuild(vault.index_);
  return vault;
}

std::vector<Diagnostic> Vault::check(const std::vector<std::string>& only_paths) const {
  std::vector<Diagnostic> diagnostics;
  SuggestionCache suggestions;
  auto check_file = [&](const VaultFile& file) {
    if (!file.is_note) return;
    auto found = validate_note(index_, graph_, settings_, file, suggestions);
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  };
  if (only_paths.empty()) {
    for (const auto& [path, file] : index_.files()) check_file(file);
  } else {
    for (const auto& path : only_paths)
      if (const VaultFile* file = index_.find(path)) check_file(*file);
  }
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
