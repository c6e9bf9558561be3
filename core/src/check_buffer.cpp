#include "vaultlink/check_buffer.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "vaultlink/fs.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/parse.hpp"
#include "vaultlink/validate.hpp"

namespace vaultlink {

BufferChecker::BufferChecker(const Vault& vault) : vault_(vault), index_(vault.index()) {}

// Validates `file` as if it replaced the indexed file of the same path: the
// fresh version goes into the checker's copy of the index (parsed notes are
// shared, not copied) and only this note's links are resolved, in a graph of
// its own. Self-links and links to its own headings then see the new text,
// and the rest of the vault is read as loaded. The original entry is put
// back afterwards, so the copy always equals the vault's index between checks.
std::vector<Diagnostic> BufferChecker::validate_replacement(VaultFile file) {
  const std::string path = file.path;
  std::optional<VaultFile> original;
  if (const VaultFile* indexed = index_.find(path)) original = *indexed;
  // Cached suggestions look names up by alias and spelling; a buffer that
  // changes its own aliases, or a note the vault does not have (whose name
  // would enter the cache), could make them stale, so such a check starts afresh.
  const auto aliases = [](const VaultFile* entry) {
    return entry && entry->note ? entry->note->frontmatter.aliases : std::vector<std::string>{};
  };
  SuggestionCache fresh_suggestions;
  SuggestionCache& suggestions =
      original && aliases(&*original) == aliases(&file) ? suggestions_ : fresh_suggestions;
  index_.upsert(std::move(file));
  struct PutBack {
    VaultIndex& index;
    const std::string& path;
    std::optional<VaultFile>& original;
    ~PutBack() {
      if (original)
        index.upsert(std::move(*original));
      else
        index.remove(path);
    }
  } put_back{index_, path, original};
  LinkGraph graph;
  graph.update_note(index_, path);
  auto diagnostics = validate_note(index_, graph, vault_.settings(), *index_.find(path), suggestions);
  sort_diagnostics(diagnostics);
  return diagnostics;
}

std::vector<Diagnostic> BufferChecker::check_text(std::string_view path, std::string_view text) {
  if (vault_.membership().excludes(path)) return {};
  VaultFile file;
  file.path = std::string(path);
  file.is_note = is_note_path(path);
  file.stamp.size = text.size();
  if (text.size() > vault_.settings().max_note_bytes) {
    // The same refusal read_file gives a file on disk of this size.
    file.read_error = "the note is " + std::to_string(text.size()) + " bytes, more than maxNoteBytes (" +
                      std::to_string(vault_.settings().max_note_bytes) + ")";
  } else {
    file.note = std::make_shared<const Note>(parse_note(file.path, text));
  }
  return validate_replacement(std::move(file));
}

std::optional<std::vector<Diagnostic>> BufferChecker::check_on_disk(std::string_view path) {
  const std::filesystem::path full = vault_.root() / std::filesystem::path(std::string(path));
  std::error_code error;
  if (!std::filesystem::exists(full, error)) return std::nullopt;
  if (vault_.membership().excludes(path)) return std::vector<Diagnostic>{};
  ReadResult read = read_file(full, vault_.settings().max_note_bytes);
  VaultFile file;
  file.path = std::string(path);
  file.is_note = is_note_path(path);
  file.stamp = read.stamp;
  if (read.ok()) {
    file.note = std::make_shared<const Note>(parse_note(file.path, read.bytes));
  } else {
    file.read_error = std::move(read.error);
  }
  return validate_replacement(std::move(file));
}

std::vector<Diagnostic> check_note_text(const Vault& vault, std::string_view path, std::string_view text) {
  return BufferChecker(vault).check_text(path, text);
}

std::optional<std::vector<Diagnostic>> check_note_on_disk(const Vault& vault, std::string_view path) {
  return BufferChecker(vault).check_on_disk(path);
}

}  // namespace vaultlink
