// vaultlink restore [--vault VAULT] NOTE --at REV
#include <iostream>

#include "cli_support.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink restore [--vault VAULT] NOTE --at REV\n"
    "\n"
    "Writes NOTE's content as of REV (a commit hash, HEAD~2, a branch...) over the note,\n"
    "atomically (temp file, fsync, mode kept, rename). If the note had another name at REV,\n"
    "that version is found by following renames. Nothing is committed: review, then commit.\n"
    "NOTE is relative to the current folder or the vault; VAULT defaults to the current folder.\n"
    "Exit status: 0 restored (or already identical: says so); 2 error.\n";

}  // namespace

int run_restore(Args args) {
  const GitArgs parsed = parse_git_args(args, {"--at"});  // usage errors and failures are reported by main
  if (!parsed.help && parsed.positional.size() != 1) throw UsageError("give exactly one NOTE");
  if (!parsed.help && !option(parsed, "--at")) throw UsageError("--at REV is required");
  if (parsed.help) {
    std::cout << kUsage;
    return 0;
  }
  const std::filesystem::path vault = parsed.vault.value_or(std::filesystem::current_path().string());
  const std::string note = vault_relative_notes(vault, parsed.positional).front();
  const nlohmann::json result = open_git_vault(vault).restore(note, *option(parsed, "--at"));
  std::string from = result.at("commit").get<std::string>().substr(0, 10);
  const std::string source_path = result.at("source_path").get<std::string>();
  if (source_path != note) from += " (as " + source_path + ")";
  if (result.at("changed").get<bool>()) std::cout << "restored " << note << " from " << from << "\n";
  else std::cout << note << " already matches " << from << "\n";
  return 0;
}

}  // namespace vaultlink::cli
