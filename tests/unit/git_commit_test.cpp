// commit_vault on real repositories, checked with the git CLI.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "git_test_support.hpp"
#include "vaultlink/git.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

struct CommitFixture {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path vault = sandbox.root() / "vault";
  Settings settings = git_settings();
};

}  // namespace

TEST_CASE_METHOD(CommitFixture, "first commit on an unborn branch lists the files", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "Home.md", "# Home\n[[Ideas]]\n");
  write_file(vault / "notes/Ideas.md", "ideas\n");

  CommitResult result = commit_vault(vault, settings);

  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(commit_count(vault) == 1);
  CHECK(git(vault, "status --porcelain").empty());
  CHECK(run_in(vault, "git fsck --strict").status == 0);
  CHECK(git(vault, "rev-parse HEAD") == result.commit_id + "\n");
  std::string body = git(vault, "log -1 --format=%B");
  CHECK(body.find("(2 files)") != std::string::npos);
  CHECK(body.find("A Home.md\n") != std::string::npos);
  CHECK(body.find("A notes/Ideas.md\n") != std::string::npos);
  CHECK(git(vault, "branch --show-current") == "main\n");
}

TEST_CASE_METHOD(CommitFixture, ".gitignore and the editor's volatile state are never committed", "[git][commit]") {
  init_repo(vault);
  write_file(vault / ".gitignore", "private/\n");
  write_file(vault / "private/secret.md", "secret\n");
  write_file(vault / ".obsidian/app.json", "{}\n");
  write_file(vault / ".obsidian/workspace.json", "{\"open\":1}\n");
  write_file(vault / ".obsidian/workspace-mobile.json", "{}\n");
  write_file(vault / ".trash/old.md", "old\n");
  write_file(vault / ".vaultlink/cache.bin", "x");
  write_file(vault / "Note.md", "note\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);

  std::string tracked = git(vault, "ls-files");
  CHECK(tracked == ".gitignore\n.obsidian/app.json\nNote.md\n");
  // Still on disk, just not committed.
  CHECK(fs::exists(vault / ".obsidian/workspace.json"));

  SECTION("a change to the state files alone is nothing to commit") {
    write_file(vault / ".obsidian/workspace.json", "{\"open\":2}\n");
    write_file(vault / ".trash/newer.md", "gone\n");
    CommitResult again = commit_vault(vault, settings);
    CHECK(again.outcome == CommitOutcome::nothing_to_commit);
    CHECK(commit_count(vault) == 1);
  }
  SECTION("the ignored paths come from the settings") {
    settings.git_ignored_paths = {};
    write_file(vault / ".obsidian/workspace.json", "{\"open\":3}\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "ls-files .obsidian").find("workspace.json") != std::string::npos);
  }
}

TEST_CASE_METHOD(CommitFixture, "never an empty commit", "[git][commit]") {
  init_repo(vault);
  SECTION("an empty vault on an unborn branch") {
    CHECK(commit_vault(vault, settings).outcome == CommitOutcome::nothing_to_commit);
    CHECK(run_in(vault, "git rev-parse --verify -q HEAD").status != 0);
  }
  SECTION("nothing changed since the last commit") {
    write_file(vault / "A.md", "a\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    // Touched but identical bytes is no change either.
    write_file(vault / "A.md", "a\n");
    CommitResult again = commit_vault(vault, settings);
    CHECK(again.outcome == CommitOutcome::nothing_to_commit);
    CHECK(again.commit_id.empty());
    CHECK(commit_count(vault) == 1);
  }
}

TEST_CASE_METHOD(CommitFixture, "modified, deleted and renamed notes are staged", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "Old name.md", "a note long enough that a rename is recognised as one\nline two\nline three\n");
  write_file(vault / "Gone.md", "to be deleted\n");
  write_file(vault / "Edited.md", "v1\n");
  write_file(vault / "img/pic.png", std::string("\x89PNG\r\n\x1a\n\0\0bin", 13));
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);

  fs::rename(vault / "Old name.md", vault / "New name.md");
  fs::remove(vault / "Gone.md");
  write_file(vault / "Edited.md", "v2\n");
  fs::remove(vault / "img/pic.png");

  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(git(vault, "status --porcelain").empty());
  std::string changes = git(vault, "show --format= --name-status -M HEAD");
  CHECK(changes.find("R100\tOld name.md\tNew name.md") != std::string::npos);
  CHECK(changes.find("D\tGone.md") != std::string::npos);
  CHECK(changes.find("M\tEdited.md") != std::string::npos);
  CHECK(changes.find("D\timg/pic.png") != std::string::npos);
  CHECK(std::find(result.files.begin(), result.files.end(), ChangedFile{'R', "New name.md", "Old name.md"}) !=
        result.files.end());
  CHECK(result.message.find("R Old name.md -> New name.md\n") != std::string::npos);
}

TEST_CASE_METHOD(CommitFixture, "a merge in progress is refused", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "A.md", "base\n");
  git(vault, "add -A && git commit -qm base");
  git(vault, "switch -q -c other");
  write_file(vault / "A.md", "other\n");
  git(vault, "commit -qam other && git switch -q main");
  write_file(vault / "A.md", "main\n");
  git(vault, "commit -qam main");
  REQUIRE(run_in(vault, "git merge other").status != 0);  // conflicts: MERGE_HEAD stays
  write_file(vault / "A.md", "fixed by hand\n");

  CHECK_THROWS_WITH(commit_vault(vault, settings), Catch::Contains("middle of a merge"));
  CHECK(commit_count(vault) == 2);  // base and main: nothing added
  CHECK(fs::exists(vault / ".git/MERGE_HEAD"));
}

TEST_CASE_METHOD(CommitFixture, "a detached HEAD is refused", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "A.md", "a\n");
  git(vault, "add -A && git commit -qm one && git checkout -q --detach");
  write_file(vault / "A.md", "b\n");
  CHECK_THROWS_WITH(commit_vault(vault, settings), Catch::Contains("detached"));
  CHECK(commit_count(vault) == 1);
}

TEST_CASE_METHOD(CommitFixture, "a held index.lock is waited for, then named, never deleted", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "A.md", "a\n");
  const fs::path lock = vault / ".git/index.lock";
  write_file(lock, "");

  SECTION("still held after the wait") {
    CommitOptions options;
    options.lock_timeout = std::chrono::milliseconds(300);
    auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(commit_vault(vault, settings, options), Catch::Contains(lock.string()));
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    CHECK(fs::exists(lock));
    CHECK(run_in(vault, "git rev-parse --verify -q HEAD").status != 0);
  }
  SECTION("released during the wait") {
    std::thread releaser([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      fs::remove(lock);
    });
    CommitResult result = commit_vault(vault, settings);
    releaser.join();
    CHECK(result.outcome == CommitOutcome::committed);
    CHECK(commit_count(vault) == 1);
  }
}

TEST_CASE_METHOD(CommitFixture, "the author comes from git config, else the settings", "[git][commit]") {
  SECTION("repository config") {
    init_repo(vault, true);
    write_file(vault / "A.md", "a\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "log -1 --format='%an <%ae>|%cn <%ce>'") ==
          "Repo Person <repo@example.org>|Repo Person <repo@example.org>\n");
  }
  SECTION("global config (HOME)") {
    init_repo(vault, false);
    git(vault, "config --global user.name 'Global Person' && git config --global user.email g@example.org");
    write_file(vault / "A.md", "a\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "log -1 --format='%an <%ae>'") == "Global Person <g@example.org>\n");
  }
  SECTION("no identity configured: the settings") {
    init_repo(vault, false);
    settings.git_author_name = "Vault Owner";
    settings.git_author_email = "owner@example.org";
    write_file(vault / "A.md", "a\n");
    REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
    CHECK(git(vault, "log -1 --format='%an <%ae>'") == "Vault Owner <owner@example.org>\n");
  }
}

TEST_CASE_METHOD(CommitFixture, "the repository is found above the vault; only the vault is staged", "[git][commit]") {
  const fs::path repo = sandbox.root() / "repo";
  init_repo(repo);
  vault = repo / "notes vault";
  write_file(vault / "In.md", "in\n");
  write_file(vault / ".obsidian/workspace.json", "{}\n");
  write_file(repo / "outside.txt", "out\n");

  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(git(repo, "ls-files") == "notes vault/In.md\n");
  CHECK(git(repo, "status --porcelain") == "?? \"notes vault/.obsidian/\"\n?? outside.txt\n");
}

TEST_CASE_METHOD(CommitFixture, "no repository: an error, or a new one when the settings ask", "[git][commit]") {
  write_file(vault / "A.md", "a\n");
  CHECK_THROWS_WITH(commit_vault(vault, settings), Catch::Contains("no git repository"));
  CHECK_FALSE(fs::exists(vault / ".git"));

  settings.git_init = true;
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(fs::is_directory(vault / ".git"));
  CHECK(git(vault, "ls-files") == "A.md\n");
  CHECK(run_in(vault, "git fsck --strict").status == 0);
}

TEST_CASE_METHOD(CommitFixture, "a missing vault folder is an error, not a crash", "[git][commit]") {
  CHECK_THROWS_AS(commit_vault(sandbox.root() / "nope", settings), GitError);
}

TEST_CASE("the manifest's defaults keep the editor's volatile state out of commits", "[git][commit]") {
  Settings settings = Settings::defaults();
  CHECK(settings.git_remote == "origin");
  CHECK(settings.git_message_template.find("{{date}}") != std::string::npos);
  for (const char* path : {".obsidian/workspace.json", ".obsidian/workspace-mobile.json", ".trash/", ".vaultlink/"})
    CHECK(std::find(settings.git_ignored_paths.begin(), settings.git_ignored_paths.end(), path) !=
          settings.git_ignored_paths.end());
}

TEST_CASE_METHOD(CommitFixture, "with a list of changed paths only those are staged", "[git][commit]") {
  init_repo(vault);
  write_file(vault / ".gitignore", "*.tmp\n");
  write_file(vault / "Kept.md", "kept\n");
  write_file(vault / "Gone.md", "gone\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);

  write_file(vault / "Listed.md", "listed\n");
  write_file(vault / "Unlisted.md", "unlisted\n");
  write_file(vault / "scratch.tmp", "ignored\n");
  write_file(vault / ".obsidian/workspace.json", "{}\n");
  write_file(vault / "Folder/Deep.md", "deep\n");
  fs::remove(vault / "Gone.md");
  CommitOptions options;
  options.changed_paths = std::vector<std::string>{"Listed.md", "Gone.md", "scratch.tmp", ".obsidian/workspace.json",
                                                   "Folder", "Never existed.md"};
  CommitResult result = commit_vault(vault, settings, options);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(git(vault, "ls-files") == ".gitignore\nFolder/Deep.md\nKept.md\nListed.md\n");
  CHECK(git(vault, "status --porcelain") == "?? .obsidian/\n?? Unlisted.md\n");

  options.changed_paths = std::vector<std::string>{"Kept.md"};
  CHECK(commit_vault(vault, settings, options).outcome == CommitOutcome::nothing_to_commit);
  options.changed_paths = std::vector<std::string>{"../escape.md"};
  CHECK_THROWS_AS(commit_vault(vault, settings, options), GitError);
}

TEST_CASE_METHOD(CommitFixture, "changes already staged with git (git mv, git add) are committed too", "[git][commit]") {
  init_repo(vault);
  write_file(vault / "Before.md", "a note that is renamed with git mv\n");
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  git(vault, "mv Before.md After.md");
  write_file(vault / "Added.md", "added\n");
  git(vault, "add Added.md");

  CommitResult result = commit_vault(vault, settings);
  REQUIRE(result.outcome == CommitOutcome::committed);
  CHECK(git(vault, "ls-files") == "Added.md\nAfter.md\n");
  CHECK(git(vault, "status --porcelain").empty());
  CHECK(result.files == std::vector<ChangedFile>{{'A', "Added.md", ""}, {'R', "After.md", "Before.md"}});
}
