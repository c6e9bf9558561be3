// After a full commit, the next one skips comparing the index with HEAD when
// both are still what that commit left (git_index_at_head.cpp). Each case
// here changes what is staged without touching the files' stat data, so only
// that comparison can find the change: the shortcut must not be taken.
#include <catch2/catch.hpp>

#include <chrono>

#include "git_test_support.hpp"
#include "vaultlink/git.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

// Writes a file dated 10 s back: an index written after it then holds it as
// clean (not "racily clean", which would make the worktree scan list it and
// find by itself what only the index comparison should find here).
void write_settled(const fs::path& file, std::string_view bytes) {
  write_file(file, bytes);
  fs::last_write_time(file, fs::last_write_time(file) - std::chrono::seconds(10));
}

struct IndexAtHeadFixture {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path vault = sandbox.root() / "vault";
  Settings settings = git_settings();

  // Two commits by vaultlink: the second one starts from an index the first
  // recorded, like every commit of a vault vaultlink alone commits.
  void two_commits() {
    init_repo(vault);
    write_file(vault / "Home.md", "home\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    write_settled(vault / "Home.md", "home, edited\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    REQUIRE(fs::exists(vault / ".vaultlink/index-at-head"));  // in the vault's state folder, never in .git
  }
};

}  // namespace

TEST_CASE_METHOD(IndexAtHeadFixture, "a file staged with git after our commit is committed", "[git][commit]") {
  two_commits();
  write_settled(vault / "Added.md", "added with git add\n");
  git(vault, "add Added.md");  // tracked and stat-clean now: the worktree scan does not list it

  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(result.files == std::vector<ChangedFile>{{'A', "Added.md", ""}});
  CHECK(git(vault, "status --porcelain").empty());
}

TEST_CASE_METHOD(IndexAtHeadFixture, "a deletion staged with git rm --cached is committed", "[git][commit]") {
  two_commits();
  write_settled(vault / ".gitignore", "Home.md\n");
  git(vault, "rm -q --cached Home.md");  // untracked and ignored now: the worktree scan skips it

  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(result.files == std::vector<ChangedFile>{{'A', ".gitignore", ""}, {'D', "Home.md", ""}});
  CHECK(git(vault, "ls-files") == ".gitignore\n");
}

TEST_CASE_METHOD(IndexAtHeadFixture, "HEAD moved back by git reset --soft: the change is committed again",
                 "[git][commit]") {
  two_commits();
  git(vault, "reset -q --soft HEAD~1");  // same index, older HEAD: the edit is staged again

  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(result.files == std::vector<ChangedFile>{{'M', "Home.md", ""}});
  CHECK(commit_count(vault) == 2);
  CHECK(git(vault, "show HEAD:Home.md") == "home, edited\n");
}

TEST_CASE_METHOD(IndexAtHeadFixture, "editor state staged with git is committed once the settings allow it",
                 "[git][commit]") {
  init_repo(vault);
  write_file(vault / "Home.md", "home\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  write_settled(vault / ".obsidian/workspace.json", "{}\n");
  git(vault, "add .obsidian/workspace.json");  // never committed under the default settings
  write_settled(vault / "Home.md", "home, edited\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(git(vault, "ls-tree -r --name-only HEAD") == "Home.md\n");

  settings.git_ignored_paths = {};
  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(result.files == std::vector<ChangedFile>{{'A', ".obsidian/workspace.json", ""}});
}

TEST_CASE_METHOD(IndexAtHeadFixture, "one vault's record says nothing about another vault of the repository",
                 "[git][commit]") {
  const fs::path repo = sandbox.root() / "repo";
  init_repo(repo);
  write_file(repo / "a/One.md", "one\n");
  write_file(repo / "b/Two.md", "two\n");
  git(repo, "add -A");
  git(repo, "commit -q -m start");
  write_settled(repo / "b/Staged.md", "staged with git in vault b\n");
  git(repo, "add b/Staged.md");
  write_settled(repo / "a/One.md", "one, edited\n");
  REQUIRE(commit_vault(repo / "a", settings).outcome == CommitOutcome::committed);  // records for a/ only

  CommitResult result = commit_vault(repo / "b", settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(result.files == std::vector<ChangedFile>{{'A', "Staged.md", ""}});
  CHECK(git(repo, "status --porcelain").empty());
}
