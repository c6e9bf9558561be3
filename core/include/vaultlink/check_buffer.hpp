#pragma once
// Checking one note against a loaded vault without changing the vault: the
// text an editor holds in an unsaved buffer, or the file as it is on disk now
// (a save the vault has not seen yet). Hosts call this on every save or
// keystroke, so the vault stays as loaded and the note's fresh text is
// resolved against it.
#include <optional>
#include <string_view>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/validate.hpp"
#include "vaultlink/vault.hpp"

namespace vaultlink {

// Checks notes one after another against one loaded vault, as the functions
// below do, for a host that checks on every keystroke: the vault's index is
// copied once (a copy costs far more than a check in a large vault) and the
// suggestions for broken targets are remembered between checks. Must not
// outlive the vault; make a new one when the vault is reloaded.
class BufferChecker {
 public:
  explicit BufferChecker(const Vault& vault);
  std::vector<Diagnostic> check_text(std::string_view path, std::string_view text);
  std::optional<std::vector<Diagnostic>> check_on_disk(std::string_view path);

 private:
  std::vector<Diagnostic> validate_replacement(VaultFile file);

  const Vault& vault_;
  VaultIndex index_;  // the vault's; a check puts its note in and the original back
  SuggestionCache suggestions_;
};

// Diagnostics of the note at vault-relative `path` as if its bytes were
// `text` (which may be any bytes: invalid UTF-8 and NUL bytes become
// diagnostics). The note need not exist on disk. Sorted. Notes the vault
// leaves out (dot folders, excludedFolders) get no diagnostics.
std::vector<Diagnostic> check_note_text(const Vault& vault, std::string_view path, std::string_view text);

// Diagnostics of the note at vault-relative `path` read from disk now; an
// unreadable or oversized file gives an unreadable-file diagnostic. nullopt
// when no such file exists. Sorted.
std::optional<std::vector<Diagnostic>> check_note_on_disk(const Vault& vault, std::string_view path);

}  // namespace vaultlink
