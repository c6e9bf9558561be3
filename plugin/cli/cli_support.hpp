#pragma once
// Pieces every subcommand shares: locating the vault, printing progress.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vaultlink/vault.hpp"

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
// loads the vault with progress, and makes every NOTE a vault-relative path of
// a note in it. Throws UsageError for a missing vault folder or an unknown note.
struct CommandVault {
  Vault vault;
  std::vector<std::string> notes;
};
// With `use_cache`, unchanged notes come from the vault's index cache (see LoadOptions).
CommandVault open_command_vault(const std::vector<std::string>& positional, bool use_cache = false);

// Progress on stderr when it is a terminal ("\rreading notes 1234/10000"); silent otherwise.
ProgressFn terminal_progress(std::string label);
void finish_progress();

}  // namespace vaultlink::cli
