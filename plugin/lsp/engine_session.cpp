#include "engine_session.hpp"

#include <sys/stat.h>

#include <algorithm>

namespace vaultlink::lsp {
namespace {

Settings load_settings(const std::filesystem::path& root, const nlohmann::json& overrides, std::string& error) {
  error.clear();
  try {
    return Settings::load(root, overrides);
  } catch (const std::exception& problem) {
    error = problem.what();
    return Settings::defaults();
  }
}

std::map<std::string, std::vector<Diagnostic>, std::less<>> diagnostics_by_note(const Vault& vault) {
  std::map<std::string, std::vector<Diagnostic>, std::less<>> by_note;
  for (auto& diagnostic : vault.check()) by_note[diagnostic.path].push_back(std::move(diagnostic));
  return by_note;
}

bool is_settings_file(std::string_view path) {
  return std::any_of(std::begin(kVaultSettingsFiles), std::end(kVaultSettingsFiles),
                     [&](const char* name) { return path == name; });
}

bool same_diagnostics(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return x.line == y.line && x.column == y.column && x.end_line == y.end_line && x.end_column == y.end_column &&
           x.severity == y.severity && x.code == y.code && x.message == y.message && x.suggestion == y.suggestion;
  });
}

}  // namespace

EngineSession::EngineSession(std::filesystem::path root, nlohmann::json overrides)
    : root_(std::move(root)),
      overrides_(std::move(overrides)),
      vault_(Vault::load(root_, load_settings(root_, overrides_, settings_error_))),
      diagnostics_(diagnostics_by_note(vault_)) {}

const std::vector<Diagnostic>& EngineSession::diagnostics_of(std::string_view path) const {
  static const std::vector<Diagnostic> kNone;
  auto found = diagnostics_.find(path);
  return found == diagnostics_.end() ? kNone : found->second;
}

std::vector<std::string> EngineSession::notes_with_diagnostics() const {
  std::vector<std::string> paths;
  for (const auto& [path, diagnostics] : diagnostics_) paths.push_back(path);
  return paths;
}

bool EngineSession::already_seen(const FileChange& change) const {
  if (is_settings_file(change.path) || is_settings_file(change.old_path)) return false;
  struct stat info {};
  const bool exists = ::stat((vault_.root() / change.path).c_str(), &info) == 0;
  const VaultFile* indexed = vault_.index().find(change.path);
  if (change.kind == FileChange::Kind::removed) return !exists && !indexed;
  if (change.kind == FileChange::Kind::renamed && vault_.index().find(change.old_path)) return false;
  if (!exists || !indexed) return !exists && !indexed;
  // Only a note's bytes matter to links; other files only by existing.
  if (!indexed->is_note) return true;
  const std::int64_t mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  return indexed->stamp.size == static_cast<std::uint64_t>(info.st_size) && indexed->stamp.mtime_ns == mtime_ns;
}

std::vector<std::string> EngineSession::apply(const ChangeBatch& batch) {
  const bool nothing_new = !batch.rescan_needed && std::all_of(batch.changes.begin(), batch.changes.end(),
                                                               [&](const FileChange& change) { return already_seen(change); });
  if (nothing_new) return {};
  return reload();
}

std::vector<std::string> EngineSession::reconfigure(nlohmann::json overrides) {
  overrides_ = std::move(overrides);
  return reload();
}

std::vector<Diagnostic> EngineSession::check_buffer(std::string_view path, std::string_view text) {
  if (!buffers_) buffers_.emplace(vault_);
  return buffers_->check_text(path, text);
}

std::vector<std::string> EngineSession::reload() {
  buffers_.reset();  // it holds a copy of the index about to be replaced
  vault_ = Vault::load(root_, load_settings(root_, overrides_, settings_error_));
  auto fresh = diagnostics_by_note(vault_);
  std::vector<std::string> changed;
  for (const auto& [path, diagnostics] : fresh) {
    auto before = diagnostics_.find(path);
    if (before == diagnostics_.end() || !same_diagnostics(before->second, diagnostics)) changed.push_back(path);
  }
  for (const auto& [path, diagnostics] : diagnostics_)
    if (!fresh.contains(path)) changed.push_back(path);
  diagnostics_ = std::move(fresh);
  return changed;
}

}  // namespace vaultlink::lsp
