#pragma once
// The one place the language server hands file changes to the engine and
// learns whose diagnostics changed. Today it reloads the vault and diffs the
// diagnostics; the core's incremental vaultlink::Session will replace the
// body of this file without the rest of the server noticing.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink/check_buffer.hpp"
#include "vaultlink/vault.hpp"
#include "vaultlink/watcher.hpp"

namespace vaultlink::lsp {

class EngineSession {
 public:
  // Loads the vault with its settings file overlaid with `overrides`. A bad
  // settings file does not stop the server: the defaults are used and
  // settings_error() says why.
  EngineSession(std::filesystem::path root, nlohmann::json overrides);

  const Vault& vault() const { return vault_; }
  const std::string& settings_error() const { return settings_error_; }

  // Diagnostics of a note as the files on disk are now (empty when none).
  const std::vector<Diagnostic>& diagnostics_of(std::string_view path) const;
  // Every note that has diagnostics.
  std::vector<std::string> notes_with_diagnostics() const;

  // Diagnostics of a note as if its bytes were `text` (an editor's buffer),
  // against the vault as on disk.
  std::vector<Diagnostic> check_buffer(std::string_view path, std::string_view text);

  // Applies changes made to the files on disk; returns the notes whose
  // diagnostics changed (including notes that no longer exist). Changes the
  // engine has already seen (the same save reported by the editor and by the
  // watcher) cost nothing.
  std::vector<std::string> apply(const ChangeBatch& batch);
  // New host overrides (initializationOptions, didChangeConfiguration).
  std::vector<std::string> reconfigure(nlohmann::json overrides);

 private:
  std::vector<std::string> reload();
  bool already_seen(const FileChange& change) const;

  std::filesystem::path root_;
  nlohmann::json overrides_;
  std::string settings_error_;
  Vault vault_;
  std::map<std::string, std::vector<Diagnostic>, std::less<>> diagnostics_;
  std::optional<BufferChecker> buffers_;  // made at the first check after each load
};

}  // namespace vaultlink::lsp
