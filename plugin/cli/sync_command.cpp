// vaultlink sync [--vault VAULT] [VAULT]
#include <iostream>

#include "cli_support.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink sync [-m TEMPLATE] [--vault VAULT] [VAULT]\n"
    "\n"
    "Commits pending changes (as 'vaultlink commit'), fetches the gitRemote remote (default\n"
    "origin), fast-forwards or merges its copy of the current branch (a merge commit when both\n"
    "sides changed different notes), and pushes.\n"
    "When both sides changed the same lines, the notes get git's conflict markers (both versions\n"
    "kept), vaultlink-conflicts.md lists them, nothing is pushed, and no commit is made until the\n"
    "markers are gone; then 'vaultlink commit' (or sync) finishes the merge.\n"
    "Remotes: local paths and file:// URLs; ssh through ssh-agent. https remotes that need a\n"
    "password are not supported (libgit2 does not run git credential helpers).\n"
    "\n"
    "Exit status: 0 in sync; 1 conflicts to resolve (listed on stderr); 2 error.\n";

}  // namespace

int run_sync(Args args) {
  const GitArgs parsed = parse_git_args(args, {"-m", "--message"});
  if (parsed.positional.size() > 1) throw UsageError("too many arguments");
  if (parsed.help) {
    std::cout << kUsage;
    return 0;
  }
  const std::string message_template = option(parsed, "-m").value_or(option(parsed, "--message").value_or(""));
  const std::filesystem::path vault = vault_folder(parsed);
  try {
    const nlohmann::json result = open_git_vault(vault).sync(message_template);
    const nlohmann::json& local_commit = result.at("local_commit");
    if (local_commit.at("outcome") == "committed") print_commit(local_commit, "sync");
    const std::string merge = result.at("merge").get<std::string>();
    if (merge == "no_remote_branch") std::cout << "the remote has no copy of this branch yet\n";
    else if (merge == "up_to_date") std::cout << "already up to date with the remote\n";
    else if (merge == "fast_forwarded") std::cout << "fast-forwarded to the remote's changes\n";
    else if (merge == "merged")
      std::cout << "merged the remote's changes: " << result.at("merge_commit_id").get<std::string>().substr(0, 10) << "\n";
    else if (merge == "conflicts") {
      std::cerr << "vaultlink sync: conflicts: both sides changed the same lines of these files; each keeps both "
                   "versions between conflict markers. Resolve them, then run vaultlink commit or sync again ("
                << (std::filesystem::weakly_canonical(vault) /
                    result.value("conflict_note", std::string(kConflictNoteName)))
                       .string()
                << " lists them):\n";
      for (const auto& file : result.at("conflicted")) std::cerr << "  " << file.get<std::string>() << "\n";
      return 1;
    }
    std::cout << (result.at("pushed").get<bool>() ? "pushed\n" : "nothing to push\n");
    return 0;
  } catch (const LibraryError& error) {
    if (error.code != VL_EGIT) throw;
    std::cerr << "vaultlink sync: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace vaultlink::cli
