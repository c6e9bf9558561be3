#pragma once
// Reading one vault file into the index's form, shared by the full load and
// the incremental refresh so both see a file the same way.
#include <filesystem>
#include <string>

#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

// Notes are read (within maxNoteBytes) and parsed; other files are recorded
// by path only: links care whether an attachment exists, not what it holds.
VaultFile load_vault_file(const std::filesystem::path& root, const std::string& path, const Settings& settings);

}  // namespace vaultlink
