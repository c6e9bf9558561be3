// The everyday full commit stages through vaultlink's own index reader and
// writer (core/src/git_commit_own_index.cpp) and leaves everything unusual to
// libgit2. Both halves are checked: when the own way is taken, and that a
// commit either way leaves a repository the git CLI finds complete and
// consistent (nothing left unstaged, no cached tree out of date, fsck clean).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "git_repo.hpp"
#include "git_test_support.hpp"
#include "vaultlink/git.hpp"
#include "worktree_listing.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

struct OwnIndexFixture {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path vault = sandbox.root() / "vault";
  Settings settings = git_settings();

  OwnIndexFixture() {
    init_repo(vault);
    write_file(vault / "A.md", "a\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    // The first commit takes libgit2's way (no HEAD yet), and so does the
    // second (the index is compared with HEAD), which records the index it
    // leaves: from then on, commits can take the own way.
    write_file(vault / "sub/B.md", "b\n");
    write_file(vault / "sub/deep/C.md", "c\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  }

  // True when a commit now (a full one, or one of `listed` paths) would
  // stage through the own index. Asked with nothing to commit, so it writes
  // nothing but blobs.
  bool own_way_taken(const std::vector<std::string>* listed = nullptr) {
    gitx::VaultRepo repo = gitx::open_vault_repository(vault, false);
    gitx::CommitPtr head = gitx::head_commit(repo);
    git_tree* tree = nullptr;
    REQUIRE(git_commit_tree(&tree, head.get()) == 0);
    gitx::TreePtr head_tree(tree);
    std::optional<WorktreeListing> listing;
    const auto staged = gitx::stage_with_own_index(repo, settings, head.get(), head_tree.get(), listed, listing,
                                                   std::chrono::steady_clock::now() + std::chrono::seconds(2));
    if (staged) REQUIRE(git_oid_equal(&staged->tree_id, git_tree_id(head_tree.get())));
    return staged.has_value();
  }

  // What git itself says of the repository after a commit.
  void require_consistent() {
    CHECK(git(vault, "status --porcelain").empty());
    // git builds its tree from the cached trees the index still calls valid:
    // a stale one would give another tree than HEAD's.
    CHECK(git(vault, "write-tree") == git(vault, "rev-parse HEAD^{tree}"));
    CHECK(run_in(vault, "git fsck --strict --no-dangling").status == 0);
    CHECK_FALSE(fs::exists(vault / ".git/index.lock"));
  }

  std::string committed_changes() { return git(vault, "show --format= --name-status HEAD"); }
};

}  // namespace

TEST_CASE_METHOD(OwnIndexFixture, "edits, additions, deletions, links and modes go through the own index",
                 "[git][commit][own-index]") {
  REQUIRE(own_way_taken());
  write_file(vault / "A.md", "a, edited\n");
  write_file(vault / "new/deeper/D.md", "d\n");
  fs::remove(vault / "sub/B.md");
  fs::create_symlink("A.md", vault / "link.md");
  fs::permissions(vault / "sub/deep/C.md", fs::perms::owner_exec, fs::perm_options::add);

  const CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\tA.md\nA\tlink.md\nA\tnew/deeper/D.md\nD\tsub/B.md\nM\tsub/deep/C.md\n");
  CHECK(result.files.size() == 5);
  // The next commit takes the own way again, from the index this one wrote
  // (asked before the git CLI below refreshes and rewrites the index).
  CHECK(own_way_taken());
  CHECK(git(vault, "ls-files -s link.md sub/deep/C.md").starts_with("120000 "));
  CHECK(git(vault, "ls-files -s sub/deep/C.md").starts_with("100755 "));
  require_consistent();

  SECTION("and the next commit goes on from the index git rewrote") {
    write_file(vault / "new/deeper/D.md", "d, edited\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(committed_changes() == "M\tnew/deeper/D.md\n");
    require_consistent();
  }
  SECTION("and git's own commit goes on from there") {
    write_file(vault / "A.md", "a, by git\n");
    git(vault, "commit -q -am by-git");
    require_consistent();
  }
}

TEST_CASE_METHOD(OwnIndexFixture, "a folder replaced by a file of its name is committed", "[git][commit][own-index]") {
  fs::remove_all(vault / "sub/deep");
  write_file(vault / "sub/deep", "now a file\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tsub/deep\nD\tsub/deep/C.md\n");
  require_consistent();
}

TEST_CASE_METHOD(OwnIndexFixture, "nothing changed: no commit, and the index is left as it was",
                 "[git][commit][own-index]") {
  const std::string before = read_file_text(vault / ".git/index");
  // Same content, new stat data: a candidate the hash finds unchanged.
  write_file(vault / "A.md", "a\n");
  CHECK(commit_vault(vault, settings).outcome == CommitOutcome::nothing_to_commit);
  CHECK(read_file_text(vault / ".git/index") == before);
  CHECK(commit_count(vault) == 2);
  CHECK_FALSE(fs::exists(vault / ".git/index.lock"));
}

TEST_CASE_METHOD(OwnIndexFixture, "what the own index leaves to libgit2 is still committed whole",
                 "[git][commit][own-index]") {
  std::string edit = "a, edited\n", committed = edit, changes = "M\tA.md\n";
  SECTION("a change staged with git since our last commit") {
    write_file(vault / "staged.md", "s\n");
    git(vault, "add staged.md");
    changes = "M\tA.md\nA\tstaged.md\n";
  }
  SECTION("an index of version 4") { git(vault, "update-index --index-version 4"); }
  SECTION("names compared without case") { git(vault, "config core.ignorecase true"); }
  SECTION("line endings converted on the way in") {
    git(vault, "config core.autocrlf input");
    edit = "a\r\nedited\r\n";
    committed = "a\nedited\n";
  }
  SECTION("attributes tracked in the index") {
    write_file(vault / ".gitattributes", "*.md text eol=lf\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    edit = "a\r\nedited\r\n";
    committed = "a\nedited\n";
  }
  CHECK_FALSE(own_way_taken());
  write_file(vault / "A.md", edit);
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == changes);
  CHECK(git(vault, "show HEAD:A.md") == committed);
  require_consistent();
}

TEST_CASE_METHOD(OwnIndexFixture, "attributes only in the working directory still apply", "[git][commit][own-index]") {
  // Untracked and ignored, so the index never holds them: the own way, with
  // libgit2 reading them from the file.
  write_file(vault / ".gitattributes", "*.md text eol=lf\n");
  write_file(vault / ".git/info/exclude", ".gitattributes\n");
  CHECK(own_way_taken());
  write_file(vault / "A.md", "a\r\nedited\r\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(git(vault, "show HEAD:A.md") == "a\nedited\n");
}

TEST_CASE_METHOD(OwnIndexFixture, "the own index waits for a held index.lock, names it, never deletes it",
                 "[git][commit][own-index]") {
  REQUIRE(own_way_taken());
  write_file(vault / "A.md", "a, edited\n");
  const fs::path lock = vault / ".git/index.lock";
  write_file(lock, "");
  CommitOptions options;
  options.lock_timeout = std::chrono::milliseconds(300);

  SECTION("still held after the wait") {
    CHECK_THROWS_WITH(commit_vault(vault, settings, options), Catch::Contains(lock.string()));
    CHECK(fs::exists(lock));
    CHECK(commit_count(vault) == 2);
  }
  SECTION("released during the wait") {
    std::thread release([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      fs::remove(lock);
    });
    options.lock_timeout = std::chrono::milliseconds(2000);
    const CommitResult result = commit_vault(vault, settings, options);
    release.join();
    REQUIRE(result.outcome == CommitOutcome::committed);
    require_consistent();
  }
}

TEST_CASE_METHOD(OwnIndexFixture, "a file git cannot stage fails the commit and leaves no lock behind",
                 "[git][commit][own-index]") {
  fs::remove(vault / "A.md");
  REQUIRE(::mkfifo((vault / "A.md").c_str(), 0644) == 0);
  CHECK_THROWS(commit_vault(vault, settings));
  CHECK_FALSE(fs::exists(vault / ".git/index.lock"));
  CHECK(commit_count(vault) == 2);
}

TEST_CASE_METHOD(OwnIndexFixture, "listed paths go through the own index, and only they are committed",
                 "[git][commit][own-index]") {
  write_file(vault / ".git/info/exclude", "*.tmp\n");
  const std::vector<std::string> unchanged{"A.md"};
  REQUIRE(own_way_taken(&unchanged));
  write_file(vault / "A.md", "a, edited\n");
  write_file(vault / "New.md", "new\n");
  write_file(vault / "scratch.tmp", "ignored\n");
  fs::remove(vault / "sub/B.md");
  write_file(vault / "sub/deep/C.md", "c, not listed\n");
  CommitOptions options;
  options.changed_paths = std::vector<std::string>{"A.md", "New.md", "scratch.tmp", "sub/B.md", "Never.md"};

  REQUIRE(commit_vault(vault, settings, options).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\tA.md\nA\tNew.md\nD\tsub/B.md\n");
  CHECK(git(vault, "--no-optional-locks status --porcelain") == " M sub/deep/C.md\n");
  // The index was HEAD's before and all it gained is committed: the next
  // full commit may take the own way too.
  write_file(vault / "sub/deep/C.md", "c\n");
  CHECK(own_way_taken());
  CHECK(git(vault, "write-tree") == git(vault, "rev-parse HEAD^{tree}"));
}

TEST_CASE_METHOD(OwnIndexFixture, "listed paths the own index leaves to libgit2 are still committed",
                 "[git][commit][own-index]") {
  CommitOptions options;
  SECTION("a listed folder, scanned") {
    const std::vector<std::string> folder{"sub"};
    CHECK_FALSE(own_way_taken(&folder));
    write_file(vault / "sub/x.md", "x\n");
    options.changed_paths = folder;
    REQUIRE(commit_vault(vault, settings, options).outcome == CommitOutcome::committed);
    CHECK(committed_changes() == "A\tsub/x.md\n");
  }
  SECTION("a listed file inside a folder that replaced a tracked file") {
    fs::remove(vault / "A.md");
    write_file(vault / "A.md/inner.md", "inner\n");
    const std::vector<std::string> inner{"A.md/inner.md"};
    CHECK_FALSE(own_way_taken(&inner));
  }
}

TEST_CASE_METHOD(OwnIndexFixture, "listed paths leave what git staged staged, and the next full commit takes it",
                 "[git][commit][own-index]") {
  write_file(vault / "staged.md", "s\n");
  git(vault, "add staged.md");
  write_file(vault / "A.md", "a, edited\n");
  CommitOptions options;
  options.changed_paths = std::vector<std::string>{"A.md"};
  REQUIRE(commit_vault(vault, settings, options).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\tA.md\n");
  CHECK(git(vault, "--no-optional-locks status --porcelain") == "A  staged.md\n");
  // No record for an index that differs from HEAD: the full commit compares.
  CHECK_FALSE(own_way_taken());
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tstaged.md\n");
  require_consistent();
}
