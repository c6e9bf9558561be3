#pragma once
// The one place the language server hands file changes to the engine and
// learns whose diagnostics changed: the core's incremental vaultlink::Session
// (which never writes backlinks sections here: that is not an editor's job).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink/check_buffer.hpp"
#include "vaultlink/session.hpp"
#include "vaultlink/vault.hpp"
#include "vaultlink/watcher.hpp"

namespace vaultlink::lsp {

// Told of every full load of the vault: the first, and each one a change of
// settings causes. A full load is the costly step in a large vault, so the
// server says in its log when one happens.
struct LoadObserver {
  // The files are about to be read with `settings` (the watcher must follow
  // them from now on, or changes made during the load are lost).
  std::function<void(const Settings& settings)> loading;
  // They were read and checked: `vault` as loaded, in `took`.
  std::function<void(const Vault& vault, std::chrono::milliseconds took)> loaded;
};

class EngineSession {
 public:
  // Loads the vault with its settings file overlaid with `overrides`. A bad
  // settings file does not stop the server: the defaults are used and
  // settings_error() says why.
  EngineSession(std::filesystem::path root, nlohmann::json overrides, LoadObserver observer = {});

  const Vault& vault() const { return session_->vault(); }
  const std::string& settings_error() const { return settings_error_; }
  // The host overrides in force (initializationOptions and the client's settings).
  const nlohmann::json& overrides() const { return overrides_; }

  // Diagnostics of a note as the files on disk are now (empty when none).
  const std::vector<Diagnostic>& diagnostics_of(std::string_view path) const;
  // Every note that has diagnostics.
  std::vector<std::string> notes_with_diagnostics() const;

  // Diagnostics of a note as if its bytes were `text` (an editor's buffer),
  // against the vault as on disk.
  std::vector<Diagnostic> check_buffer(std::string_view path, std::string_view text);

  // Applies changes made to the files on disk; returns the notes whose
  // diagnostics changed (including notes that no longer exist). A change to
  // the vault's settings file reloads the vault.
  std::vector<std::string> apply(const ChangeBatch& batch);
  // New host overrides (the client's settings). Overrides the settings
  // loader rejects (unknown key, wrong type) change nothing: the vault keeps
  // its current settings and settings_error() says what was wrong.
  std::vector<std::string> reconfigure(nlohmann::json overrides);
  // Why the settings loader rejects `overrides` for the vault at `root`
  // (empty when it accepts them), without loading the vault.
  static std::string settings_problem(const std::filesystem::path& root, const nlohmann::json& overrides);

 private:
  std::vector<std::string> reload();
  std::unique_ptr<Session> open_session();

  std::filesystem::path root_;
  nlohmann::json overrides_;
  LoadObserver observer_;
  std::string settings_error_;
  std::unique_ptr<Session> session_;  // its vault's address must not change under buffers_
  std::optional<BufferChecker> buffers_;  // a copy of the index, made at the first check after each change
};

}  // namespace vaultlink::lsp
