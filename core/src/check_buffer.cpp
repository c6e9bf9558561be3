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
namespace {

// Validates `file` as if it replaced the indexed file of the same path. The
// Vault is immutable through its interface, so the fresh version goes into a
// copy of the index (parsed notes are shared, not copied) and only this
// note's links are resolved, in a graph of its own. Self-links and links to
// its own headings then see the new text, and the rest of the vault is read
// as loaded.
std::vector<Diagnostic> validate_replacement(const Vault& vault, VaultFile file) {
  VaultIndex index = vault.index();
  const std::string path = file.path;
  index.upsert(std::move(file));
  LinkGraph graph;
  graph.update_note(index, path);
  SuggestionCache suggestions;
  auto diagnostics = validate_note(index, graph, vault.settings(), *index.find(path), suggestions);
  sort_diagnostics(diagnostics);
  return diagnostics;
}

}  // namespace

std::vector<Diagnostic> check_note_text(const Vault& vault, std::string_view path, std::string_view text) {
  if (vault.membership().excludes(path)) return {};
  VaultFile file;
  file.path = std::string(path);
  file.is_note = is_note_path(path);
  file.stamp.size = text.size();
  if (text.size() > vault.settings().max_note_bytes) {
    // The same refusal read_file gives a file on disk of this size.
    file.read_error = "the note is " + std::to_string(text.size()) + " bytes, more than maxNoteBytes (" +
                      std::to_string(vault.settings().max_note_bytes) + ")";
  } else {
    file.note = std::make_shared<const Note>(parse_note(file.path, text));
  }
  return validate_replacement(vault, std::move(file));
}

std::optional<std::vector<Diagnostic>> check_note_on_disk(const Vault& vault, std::string_view path) {
  const std::filesystem::path full = vault.root() / std::filesystem::path(std::string(path));
  std::error_code error;
  if (!std::filesystem::exists(full, error)) return std::nullopt;
  if (vault.membership().excludes(path)) return std::vector<Diagnostic>{};
  ReadResult read = read_file(full, vault.settings().max_note_bytes);
  VaultFile file;
  file.path = std::string(path);
  file.is_note = is_note_path(path);
  file.stamp = read.stamp;
  if (read.ok()) {
    file.note = std::make_shared<const Note>(parse_note(file.path, read.bytes));
  } else {
    file.read_error = std::move(read.error);
  }
  return validate_replacement(vault, std::move(file));
}

}  // namespace vaultlink
