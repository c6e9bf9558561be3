#pragma once
// Reading one vault file into the index's form, shared by the full load and
// the incremental refresh so both see a file the same way.
#include <filesystem>
#include <cstdint>
#include <string>
#include <string_view>

#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

// Notes are read (within maxNoteBytes) and parsed; other files are recorded
// by path only: links care whether an attachment exists, not what it holds.
// The VaultFile::content_hash of these bytes (never 0).
std::uint64_t content_hash(std::string_view bytes);

VaultFile load_vault_file(const std::filesystem::path& root, const std::string& path, const Settings& settings);

}  // namespace vaultlink
