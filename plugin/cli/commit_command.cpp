// vaultlink commit [-m TEMPLATE] [--changed PATH]... [--vault VAULT] [VAULT]
#include <iostream>

#include "cli_support.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink commit [-m TEMPLATE] [--changed PATH]... [--vault VAULT] [VAULT]\n"
    "\n"
    "Stages every added, modified, deleted or renamed file under the vault (honouring\n"
    ".gitignore and never the gitIgnoredPaths setting: the editor's workspace files, .trash/)\n"
    "and commits it. The repository is found at or above the vault (gitInit creates one).\n"
    "TEMPLATE (default: the gitMessageTemplate setting) may use {{date}}, {{numFiles}},\n"
    "{{files}} and {{hostname}}; the body lists every changed file.\n"
    "Author: git config user.name/user.email, else gitAuthorName/gitAuthorEmail.\n"
    "--changed PATH (repeatable): the caller knows what changed (a save hook, a watcher): only\n"
    "those paths are staged and the scan of the whole vault is skipped.\n"
    "\n"
    "Exit status: 0 committed, or nothing to commit (not an error; says so);\n"
    "1 not committed because files listed in vaultlink-conflicts.md still have conflict markers;\n"
    "2 error (no repository, detached HEAD, a merge/rebase in progress, index.lock held...).\n";

}  // namespace

int run_commit(Args args) {
  const GitArgs parsed = parse_git_args(args, {"-m", "--message", "--changed"});
  if (parsed.positional.size() > 1) throw UsageError("too many arguments");
  if (parsed.help) {
    std::cout << kUsage;
    return 0;
  }
  const std::filesystem::path vault = vault_folder(parsed);
  const std::string message_template = option(parsed, "-m").value_or(option(parsed, "--message").value_or(""));
  std::vector<std::string> changed;
  for (const auto& [name, value] : parsed.options)
    if (name == "--changed") changed.push_back(value);
  if (!changed.empty()) changed = vault_relative_notes(vault, changed);
  const nlohmann::json result = open_git_vault(vault).commit(message_template, changed);
  print_commit(result, "commit");
  return result.at("outcome") == "conflicts_unresolved" ? 1 : 0;
}

}  // namespace vaultlink::cli
