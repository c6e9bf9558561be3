#pragma once
// Pieces every subcommand shares: locating the vault and its notes.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "library_vault.hpp"

namespace vaultlink::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Splits positional arguments into the vault folder (the first argument when
// it is a folder, else the current folder) and the rest.
struct VaultAndPaths {
  std::filesystem::path vault;
  std::vector<std::string> rest;
};
VaultAndPaths split_vault_argument(const std::vector<std::string>& positional);

// Turns note arguments (relative to the current folder, absolute, or relative
// to the vault) into vault-relative paths; throws UsageError for a note outside it.
std::vector<std::string> vault_relative_notes(const std::filesystem::path& vault_root,
                                              const std::vector<std::string>& notes);

// The vault and notes of a "[VAULT] [NOTE...]" command: splits the arguments,
// opens the vault through the library (progress on a terminal), and makes
// every NOTE a vault-relative path. Throws UsageError for a missing vault folder.
struct CommandVault {
  LibraryVault vault;
  std::vector<std::string> notes;
};
CommandVault open_command_vault(const std::vector<std::string>& positional, bool use_cache = false);

}  // namespace vaultlink::cli
