// note_history and restore_note, following renames, on a real repository.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "git_test_support.hpp"
#include "vaultlink/git.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

struct History {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path vault = sandbox.root() / "vault";
  Settings settings = git_settings();
  std::vector<std::string> commits;  // oldest first

  void commit() {
    CommitResult result = commit_vault(vault, settings);
    REQUIRE(result.outcome == CommitOutcome::committed);
    commits.push_back(result.commit_id);
  }

  // Draft.md v1, v2; an unrelated commit; renamed to Ideas/Final.md; v3.
  History() {
    init_repo(vault);
    const std::string body = "a note with enough text that a rename is detected\nsecond line\nthird line\n";
    write_file(vault / "Draft.md", "v1\n" + body);
    commit();
    write_file(vault / "Draft.md", "v2\n" + body);
    commit();
    write_file(vault / "Other.md", "unrelated\n");
    commit();
    fs::create_directories(vault / "Ideas");
    fs::rename(vault / "Draft.md", vault / "Ideas/Final.md");
    commit();
    write_file(vault / "Ideas/Final.md", "v3\n" + body);
    commit();
  }
};

}  // namespace

TEST_CASE_METHOD(History, "a note's history follows its rename, newest first", "[git][history]") {
  auto revisions = note_history(vault, "Ideas/Final.md");
  REQUIRE(revisions.size() == 4);
  CHECK(revisions[0].commit_id == commits[4]);
  CHECK(revisions[0].path == "Ideas/Final.md");
  CHECK(revisions[1].commit_id == commits[3]);
  CHECK(revisions[1].path == "Ideas/Final.md");
  CHECK(revisions[2].commit_id == commits[1]);
  CHECK(revisions[2].path == "Draft.md");
  CHECK(revisions[3].commit_id == commits[0]);
  CHECK(revisions[3].author == "Repo Person");
  CHECK(revisions[3].summary.starts_with("vault backup: "));
  // The same answer as git's own --follow.
  CHECK(git(vault, "log --follow --format=%H -- Ideas/Final.md") ==
        commits[4] + "\n" + commits[3] + "\n" + commits[1] + "\n" + commits[0] + "\n");

  CHECK(note_history(vault, "Ideas/Final").size() == 4);  // ".md" implied
  CHECK(note_history(vault, "Ideas/Final.md", 2).size() == 2);
  CHECK(note_history(vault, "Never existed.md").empty());
  CHECK_THROWS_AS(note_history(vault, "../outside.md"), GitError);
}

TEST_CASE_METHOD(History, "restore writes an old version over the note without committing", "[git][history]") {
  ::chmod((vault / "Ideas/Final.md").c_str(), 0600);
  RestoreResult restored = restore_note(vault, "Ideas/Final.md", commits[0]);
  CHECK(restored.changed);
  CHECK(restored.source_path == "Draft.md");  // its name back then
  CHECK(read_file_text(vault / "Ideas/Final.md").starts_with("v1\n"));
  CHECK(fs::status(vault / "Ideas/Final.md").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write));  // mode kept
  CHECK(commit_count(vault) == 5);
  CHECK(git(vault, "status --porcelain") == " M Ideas/Final.md\n");
  // No temp files left behind.
  CHECK(std::distance(fs::directory_iterator(vault / "Ideas"), fs::directory_iterator()) == 1);

  RestoreResult again = restore_note(vault, "Ideas/Final.md", commits[0]);
  CHECK_FALSE(again.changed);

  CHECK(restore_note(vault, "Ideas/Final.md", "HEAD").changed);
  CHECK(read_file_text(vault / "Ideas/Final.md").starts_with("v3\n"));
  CHECK(git(vault, "status --porcelain").empty());
}

TEST_CASE_METHOD(History, "restore refuses unknown revisions and notes absent there", "[git][history]") {
  CHECK_THROWS_WITH(restore_note(vault, "Ideas/Final.md", "no-such-rev"), Catch::Contains("unknown revision"));
  CHECK_THROWS_WITH(restore_note(vault, "Other.md", commits[0]), Catch::Contains("did not exist"));
  CHECK(read_file_text(vault / "Other.md") == "unrelated\n");
}
