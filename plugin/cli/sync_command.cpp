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
  const std::filesystem::path vault = vault_folder(parsed);
  CommitOptions options;
  options.message_template = option(parsed, "-m").value_or(option(parsed, "--message").value_or(""));
  try {
    SyncResult result = sync_vault(vault, Settings::load(vault), options);
    if (result.local_commit.outcome == CommitOutcome::committed) print_commit(result.local_commit, "sync");
    switch (result.merge) {
      case MergeOutcome::no_remote_branch: std::cout << "the remote has no copy of this branch yet\n"; break;
      case MergeOutcome::up_to_date: std::cout << "already up to date with the remote\n"; break;
      case MergeOutcome::fast_forwarded: std::cout << "fast-forwarded to the remote's changes\n"; break;
      case MergeOutcome::merged:
        std::cout << "merged the remote's changes: " << result.merge_commit_id.substr(0, 10) << "\n";
        break;
      case MergeOutcome::conflicts:
        std::cerr << "vaultlink sync: conflicts: both sides changed the same lines of these files; each keeps both "
                     "versions between conflict markers. Resolve them, then run vaultlink commit or sync again ("
                  << result.conflict_note.string() << " lists them):\n";
        for (const auto& file : result.conflicted) std::cerr << "  " << file << "\n";
        return 1;
    }
    std::cout << (result.pushed ? "pushed\n" : "nothing to push\n");
    return 0;
  } catch (const GitError& error) {
    std::cerr << "vaultlink sync: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace vaultlink::cli
