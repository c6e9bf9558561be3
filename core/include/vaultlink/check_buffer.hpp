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
#include "vaultlink/vault.hpp"

namespace vaultlink {

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
