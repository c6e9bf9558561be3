#pragma once
// What the git subcommands share: their option parsing (every one takes
// --vault and --help) and how a commit is reported.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "library_vault.hpp"

namespace vaultlink::cli {

struct GitArgs {
  std::optional<std::string> vault;              // --vault
  std::vector<std::pair<std::string, std::string>> options;  // other "--name value" / "-m value"
  std::vector<std::string> flags;                // valueless options given
  std::vector<std::string> positional;
  bool help = false;
};

// Parses `args`; `with_value` lists the options that take a value, `flags`
// those that do not. Throws UsageError on anything else.
GitArgs parse_git_args(Args args, const std::vector<std::string>& with_value,
                       const std::vector<std::string>& flags = {});
// The vault a git command works on: --vault, else the one positional argument, else the current folder.
std::filesystem::path vault_folder(const GitArgs& args);

std::optional<std::string> option(const GitArgs& args, std::string_view name);

// The vault a git command works on, opened for git alone: its notes are not read.
LibraryVault open_git_vault(const std::filesystem::path& vault);

// The note sync lists conflicted files in (the engine's kConflictNoteName).
inline constexpr std::string_view kConflictNoteName = "vaultlink-conflicts.md";

// Prints a commit's outcome (the library's commit JSON) on stdout ("committed
// 1a2b3c4: ..." / "nothing to commit") or the unresolved conflicts on stderr.
void print_commit(const nlohmann::json& result, std::string_view command);

}  // namespace vaultlink::cli
