// commit_vault finds working-directory changes by comparing stat data with the
// index (git_worktree_scan.cpp). These are the changes a stat comparison could
// miss or mistake; each is committed by a full `vaultlink commit`, checked with
// the git CLI (`git status --porcelain` empty means nothing was left behind).
#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "git_test_support.hpp"
#include "vaultlink/git.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

struct ScanFixture {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path vault = sandbox.root() / "vault";
  Settings settings = Settings::defaults();

  ScanFixture() {
    init_repo(vault);
    write_file(vault / "A.md", "aaaa\n");
    write_file(vault / "sub/B.md", "bbbb\n");
    write_file(vault / ".gitignore", "build/\n*.tmp\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  }

  std::string committed_changes() { return git(vault, "show --format= --name-status HEAD"); }
};

timespec mtime_of(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mtim;
}

}  // namespace

TEST_CASE_METHOD(ScanFixture, "a same-size rewrite with its old mtime restored is still committed",
                 "[git][commit][scan]") {
  const timespec before = mtime_of(vault / "A.md");
  write_file(vault / "A.md", "AAAA\n");
  const timespec times[2] = {before, before};
  REQUIRE(::utimensat(AT_FDCWD, (vault / "A.md").c_str(), times, 0) == 0);

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\tA.md\n");
  CHECK(git(vault, "show HEAD:A.md") == "AAAA\n");
}

TEST_CASE_METHOD(ScanFixture, "an edit made in the same instant the index was written is committed",
                 "[git][commit][scan]") {
  // Racy git: give the file the index's own mtime, as an edit right after a
  // commit within one clock tick would have.
  write_file(vault / "A.md", "AAAA\n");
  const timespec index_time = mtime_of(vault / ".git/index");
  const timespec times[2] = {index_time, index_time};
  REQUIRE(::utimensat(AT_FDCWD, (vault / "A.md").c_str(), times, 0) == 0);

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(git(vault, "status --porcelain").empty());
}

TEST_CASE_METHOD(ScanFixture, "new files in new and existing folders are found; ignored ones are not",
                 "[git][commit][scan]") {
  write_file(vault / "sub/C.md", "c\n");
  write_file(vault / "new/deep/er/D.md", "d\n");
  write_file(vault / "build/out.md", "generated\n");
  write_file(vault / "sub/scratch.tmp", "tmp\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tnew/deep/er/D.md\nA\tsub/C.md\n");
  // .vaultlink/ holds vaultlink's own state (the commit's index-at-head record), ignored by itself.
  CHECK(git(vault, "status --porcelain --ignored") == "!! .vaultlink/\n!! build/\n!! sub/scratch.tmp\n");
}

TEST_CASE_METHOD(ScanFixture, "untracked files get git's own .gitignore verdict, deep down and re-included",
                 "[git][commit][scan]") {
  write_file(vault / ".gitignore", "build/\n*.tmp\ndrafts/*\n!drafts/keep.md\nlogs\n");
  write_file(vault / "build/deep/er/out.md", "in an ignored folder, three levels down\n");
  write_file(vault / "drafts/skip.md", "ignored by drafts/*\n");
  write_file(vault / "drafts/keep.md", "re-included\n");
  write_file(vault / "sub/logs/today.md", "a folder ignored by name, below the top\n");
  write_file(vault / "sub/deeper/note.tmp", "ignored by extension\n");
  write_file(vault / "sub/deeper/note.md", "committed\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\t.gitignore\nA\tdrafts/keep.md\nA\tsub/deeper/note.md\n");
  // Nothing git would stage is left, and what it ignores was not committed.
  CHECK(git(vault, "status --porcelain").empty());
  CHECK(git(vault, "status --porcelain --ignored") ==
        "!! .vaultlink/\n!! build/\n!! drafts/skip.md\n!! sub/deeper/note.tmp\n!! sub/logs/\n");
}

TEST_CASE_METHOD(ScanFixture, "a tracked file inside a folder ignored later is still followed",
                 "[git][commit][scan]") {
  write_file(vault / ".gitignore", "build/\n*.tmp\nsub/\n");
  write_file(vault / "sub/B.md", "bbbb changed\n");
  write_file(vault / "sub/new.md", "untracked in an ignored folder\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\t.gitignore\nM\tsub/B.md\n");
}

TEST_CASE_METHOD(ScanFixture, "mode, type and shape changes are committed", "[git][commit][scan]") {
  SECTION("the executable bit") {
    fs::permissions(vault / "A.md", fs::perms::owner_exec, fs::perm_options::add);
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "ls-files -s A.md").starts_with("100755 "));
  }
  SECTION("a file replaced by a symlink") {
    fs::remove(vault / "A.md");
    fs::create_symlink("sub/B.md", vault / "A.md");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "ls-files -s A.md").starts_with("120000 "));
  }
  SECTION("a file replaced by a folder of the same name") {
    fs::remove(vault / "A.md");
    write_file(vault / "A.md/inside.md", "now a folder\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(committed_changes() == "D\tA.md\nA\tA.md/inside.md\n");
  }
  SECTION("a folder replaced by a file of the same name") {
    fs::remove_all(vault / "sub");
    write_file(vault / "sub", "now a file\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(committed_changes() == "A\tsub\nD\tsub/B.md\n");
  }
  SECTION("a folder deleted with everything in it") {
    fs::remove_all(vault / "sub");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(committed_changes() == "D\tsub/B.md\n");
  }
  CHECK(git(vault, "status --porcelain").empty());
  CHECK(run_in(vault, "git fsck --strict").status == 0);
}

TEST_CASE_METHOD(ScanFixture, "an untracked nested repository is left alone", "[git][commit][scan]") {
  init_repo(vault / "other");
  write_file(vault / "other/inside.md", "someone else's repository\n");
  write_file(vault / "E.md", "e\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tE.md\n");
}

TEST_CASE_METHOD(ScanFixture, "an index written by the git CLI is read the same way", "[git][commit][scan]") {
  // git writes the stat data its own way (and refreshes it on status).
  REQUIRE(run_in(vault, "git status --porcelain").status == 0);
  CHECK(commit_vault(vault, settings).outcome == CommitOutcome::nothing_to_commit);
  write_file(vault / "sub/B.md", "edited after git refreshed the index\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "M\tsub/B.md\n");
}

TEST_CASE_METHOD(ScanFixture, "changes anywhere in a folder of many notes are found", "[git][commit][scan]") {
  // A flat vault: one folder's files are lstat'ed in several parts, on
  // several threads; a change in any part must be seen.
  for (int i = 0; i < 700; ++i) write_file(vault / "flat" / ("note " + std::to_string(i) + ".md"), "note\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);

  for (int i : {0, 255, 256, 511, 699}) write_file(vault / "flat" / ("note " + std::to_string(i) + ".md"), "edited\n");
  fs::remove(vault / "flat/note 400.md");
  write_file(vault / "flat/note 700.md", "new\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() ==
        "M\tflat/note 0.md\nM\tflat/note 255.md\nM\tflat/note 256.md\nD\tflat/note 400.md\n"
        "M\tflat/note 511.md\nM\tflat/note 699.md\nA\tflat/note 700.md\n");
  CHECK(git(vault, "status --porcelain").empty());
}

TEST_CASE_METHOD(ScanFixture, "a vault reached through a symlink is scanned as itself", "[git][commit][scan]") {
  const fs::path alias = sandbox.root() / "alias";
  fs::create_directory_symlink(vault, alias);
  write_file(vault / "sub/B.md", "edited through the alias\n");
  write_file(vault / "C.md", "c\n");

  REQUIRE(commit_vault(alias, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tC.md\nM\tsub/B.md\n");
}

TEST_CASE_METHOD(ScanFixture, "a symlink loop in the vault is committed as a link, not followed",
                 "[git][commit][scan]") {
  fs::create_directory_symlink("..", vault / "sub/up");
  write_file(vault / "D.md", "d\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "A\tD.md\nA\tsub/up\n");
  CHECK(git(vault, "ls-files -s sub/up").starts_with("120000 "));
}

TEST_CASE_METHOD(ScanFixture, "a tracked note turned into a FIFO is refused, not waited on", "[git][commit][scan]") {
  // Hashing reads the file: a FIFO would block until some writer came.
  fs::remove(vault / "A.md");
  REQUIRE(::mkfifo((vault / "A.md").c_str(), 0644) == 0);
  REQUIRE(::mkfifo((vault / "sub/untracked.fifo").c_str(), 0644) == 0);
  CHECK_THROWS_WITH(commit_vault(vault, settings), Catch::Contains("A.md"));
  fs::remove(vault / "A.md");
  // An untracked one is passed over, as git's status passes it over.
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(committed_changes() == "D\tA.md\n");
}
