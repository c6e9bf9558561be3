#include "engine_session.hpp"

#include <algorithm>
#include <set>

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

bool is_settings_file(std::string_view path) {
  return std::any_of(std::begin(kVaultSettingsFiles), std::end(kVaultSettingsFiles),
                     [&](const char* name) { return path == name; });
}

// Notes that have diagnostics in either list of diagnostics by note, with different ones.
std::vector<std::string> notes_differing(const Session& before, const Session& after) {
  std::set<std::string> notes;
  for (const auto* session : {&before, &after})
    for (const auto& diagnostic : session->all_diagnostics()) notes.insert(diagnostic.path);
  std::vector<std::string> changed;
  for (const auto& note : notes) {
    const auto &a = before.diagnostics(note), &b = after.diagnostics(note);
    const bool same = std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Diagnostic& x, const Diagnostic& y) {
      return x.line == y.line && x.column == y.column && x.end_line == y.end_line && x.end_column == y.end_column &&
             x.severity == y.severity && x.code == y.code && x.message == y.message && x.suggestion == y.suggestion;
    });
    if (!same) changed.push_back(note);
  }
  return changed;
}

}  // namespace

EngineSession::EngineSession(std::filesystem::path root, nlohmann::json overrides, LoadObserver observer)
    : root_(std::move(root)), overrides_(std::move(overrides)), observer_(std::move(observer)), session_(open_session()) {}

std::unique_ptr<Session> EngineSession::open_session() {
  Settings settings = load_settings(root_, overrides_, settings_error_);
  if (observer_.loading) observer_.loading(settings);
  const auto started = std::chrono::steady_clock::now();
  auto session = std::make_unique<Session>(Vault::load(root_, std::move(settings)), SessionOptions{.maintain_backlinks = false});
  // The session checks the vault when first asked; asking now keeps that
  // cost in the load instead of the first keystroke after it.
  session->diagnostics("");
  if (observer_.loaded)
    observer_.loaded(session->vault(), std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::steady_clock::now() - started));
  return session;
}

const std::vector<Diagnostic>& EngineSession::diagnostics_of(std::string_view path) const {
  return session_->diagnostics(path);
}

std::vector<std::string> EngineSession::notes_with_diagnostics() const {
  std::vector<std::string> paths;
  for (const auto& diagnostic : session_->all_diagnostics())
    if (paths.empty() || paths.back() != diagnostic.path) paths.push_back(diagnostic.path);
  return paths;
}

std::vector<Diagnostic> EngineSession::check_buffer(std::string_view path, std::string_view text) {
  if (!buffers_) buffers_.emplace(session_->vault());
  return buffers_->check_text(path, text);
}

std::vector<std::string> EngineSession::apply(const ChangeBatch& batch) {
  const bool settings_changed = std::any_of(batch.changes.begin(), batch.changes.end(), [](const FileChange& change) {
    return is_settings_file(change.path) || is_settings_file(change.old_path);
  });
  if (settings_changed) return reload();
  SessionUpdate update = session_->apply(batch);
  if (!update.changed_files.empty()) buffers_.reset();  // its copy of the index is out of date
  return std::move(update.diagnostics_changed);
}

std::string EngineSession::settings_problem(const std::filesystem::path& root, const nlohmann::json& overrides) {
  std::string error;
  load_settings(root, overrides, error);
  return error;
}

std::vector<std::string> EngineSession::reconfigure(nlohmann::json overrides) {
  if (std::string error = settings_problem(root_, overrides); !error.empty()) {
    settings_error_ = std::move(error);
    return {};
  }
  overrides_ = std::move(overrides);
  return reload();
}

std::vector<std::string> EngineSession::reload() {
  buffers_.reset();  // it refers to the vault about to be replaced
  auto fresh = open_session();
  auto changed = notes_differing(*session_, *fresh);
  session_ = std::move(fresh);
  return changed;
}

}  // namespace vaultlink::lsp
