// sync_vault between two clones of a bare remote, checked with the git CLI.
#include <catch2/catch.hpp>

#include "git_test_support.hpp"
#include "vaultlink/git.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;

namespace {

struct TwoClones {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path remote = sandbox.root() / "remote.git";
  fs::path laptop = sandbox.root() / "laptop";
  fs::path phone = sandbox.root() / "phone";
  Settings settings = git_settings();

  // The laptop starts the vault and pushes it; the phone clones it (file:// URL).
  TwoClones() {
    fs::create_directories(remote);
    git(remote, "init -q --bare -b main .");
    init_repo(laptop);
    git(laptop, "remote add origin " + shell_quote(remote.string()));
    write_file(laptop / "Shared.md", "# Shared\n\nline one\nline two\nline three\n");
    write_file(laptop / "Laptop.md", "laptop v1\n");
    write_file(laptop / "Phone.md", "phone v1\n");
    SyncResult first = sync_vault(laptop, settings);
    REQUIRE(first.local_commit.outcome == CommitOutcome::committed);
    REQUIRE(first.merge == MergeOutcome::no_remote_branch);
    REQUIRE(first.pushed);
    git(sandbox.root(), "clone -q " + shell_quote("file://" + remote.string()) + " phone");
    git(phone, "config user.name Phone && git config user.email phone@example.org");
  }

  std::string head_of(const fs::path& repo) { return git(repo, "rev-parse HEAD"); }
};

}  // namespace

TEST_CASE_METHOD(TwoClones, "a new vault is pushed and its upstream recorded", "[git][sync]") {
  CHECK(git(remote, "rev-parse main") == head_of(laptop));
  CHECK(git(laptop, "rev-parse --abbrev-ref main@{upstream}") == "origin/main\n");
  CHECK(read_file_text(phone / "Laptop.md") == "laptop v1\n");
}

TEST_CASE_METHOD(TwoClones, "edits of different notes merge cleanly on both sides", "[git][sync]") {
  write_file(laptop / "Laptop.md", "laptop v2\n");
  write_file(phone / "Phone.md", "phone v2\n");
  write_file(phone / "New on phone.md", "new\n");

  SyncResult from_laptop = sync_vault(laptop, settings);
  CHECK(from_laptop.merge == MergeOutcome::up_to_date);
  CHECK(from_laptop.pushed);

  SyncResult from_phone = sync_vault(phone, settings);
  CHECK(from_phone.local_commit.outcome == CommitOutcome::committed);
  REQUIRE(from_phone.merge == MergeOutcome::merged);
  CHECK(from_phone.pushed);
  // A real merge commit: two parents, the remote's commit among them.
  CHECK(git(phone, "rev-list --parents -n 1 HEAD").find(git(laptop, "rev-parse HEAD").substr(0, 40)) !=
        std::string::npos);
  CHECK(git(phone, "log -1 --format=%P").size() == 2 * 40 + 2);

  SyncResult back_to_laptop = sync_vault(laptop, settings);
  CHECK(back_to_laptop.local_commit.outcome == CommitOutcome::nothing_to_commit);
  CHECK(back_to_laptop.merge == MergeOutcome::fast_forwarded);
  CHECK_FALSE(back_to_laptop.pushed);

  for (const fs::path& side : {laptop, phone}) {
    INFO(side);
    CHECK(read_file_text(side / "Laptop.md") == "laptop v2\n");
    CHECK(read_file_text(side / "Phone.md") == "phone v2\n");
    CHECK(read_file_text(side / "New on phone.md") == "new\n");
    CHECK(git(side, "status --porcelain").empty());
    CHECK(run_in(side, "git fsck --strict").status == 0);
  }
  CHECK(head_of(laptop) == head_of(phone));
  CHECK(git(remote, "rev-parse main") == head_of(phone));
  CHECK(run_in(remote, "git fsck --strict").status == 0);
}

TEST_CASE_METHOD(TwoClones, "edits of the same lines: markers, the conflict note, no data lost", "[git][sync]") {
  write_file(laptop / "Shared.md", "# Shared\n\nline one\nline two from the laptop\nline three\n");
  write_file(phone / "Shared.md", "# Shared\n\nline one\nline two from the phone\nline three\n");
  write_file(phone / "Phone.md", "phone v2\n");
  REQUIRE(sync_vault(laptop, settings).pushed);
  const std::string remote_before = git(remote, "rev-parse main");

  SyncResult conflicted = sync_vault(phone, settings);
  REQUIRE(conflicted.merge == MergeOutcome::conflicts);
  CHECK_FALSE(conflicted.pushed);
  CHECK(conflicted.conflicted == std::vector<std::string>{"Shared.md"});
  CHECK(git(remote, "rev-parse main") == remote_before);

  // Both versions are in the note, between git's markers.
  std::string shared = read_file_text(phone / "Shared.md");
  CHECK(shared.find("<<<<<<< ") != std::string::npos);
  CHECK(shared.find("line two from the phone") != std::string::npos);
  CHECK(shared.find("line two from the laptop") != std::string::npos);
  CHECK(shared.find(">>>>>>> ") != std::string::npos);
  // The clean part of the merge is there too.
  CHECK(read_file_text(phone / "Phone.md") == "phone v2\n");

  const fs::path note = phone / std::string(kConflictNoteName);
  REQUIRE(conflicted.conflict_note == note);
  CHECK(read_file_text(note).find("- [[Shared]]\n") != std::string::npos);
  // git sees an ordinary conflicted merge.
  CHECK(fs::exists(phone / ".git/MERGE_HEAD"));
  CHECK(git(phone, "status --porcelain").find("UU Shared.md") != std::string::npos);

  // No commit while the markers are there, whatever else changes.
  const std::string head_before = head_of(phone);
  write_file(phone / "Phone.md", "phone v3 typed meanwhile\n");
  CommitResult blocked = commit_vault(phone, settings);
  CHECK(blocked.outcome == CommitOutcome::conflicts_unresolved);
  CHECK(blocked.unresolved == std::vector<std::string>{"Shared.md"});
  CHECK(head_of(phone) == head_before);
  SyncResult blocked_sync = sync_vault(phone, settings);
  CHECK(blocked_sync.merge == MergeOutcome::conflicts);
  CHECK_FALSE(blocked_sync.pushed);

  SECTION("resolving in the editor finishes the merge and the next sync shares it") {
    write_file(phone / "Shared.md", "# Shared\n\nline one\nline two from both\nline three\n");
    CommitResult resolved = commit_vault(phone, settings);
    REQUIRE(resolved.outcome == CommitOutcome::committed);
    CHECK(resolved.concluded_merge);
    CHECK_FALSE(fs::exists(note));
    CHECK_FALSE(fs::exists(phone / ".git/MERGE_HEAD"));
    CHECK(git(phone, "log -1 --format=%P").size() == 2 * 40 + 2);
    CHECK(git(phone, "status --porcelain").empty());
    CHECK(git(phone, "ls-files").find(std::string(kConflictNoteName)) == std::string::npos);

    REQUIRE(sync_vault(phone, settings).pushed);
    SyncResult laptop_sync = sync_vault(laptop, settings);
    CHECK(laptop_sync.merge == MergeOutcome::fast_forwarded);
    CHECK(read_file_text(laptop / "Shared.md") == "# Shared\n\nline one\nline two from both\nline three\n");
    CHECK(read_file_text(laptop / "Phone.md") == "phone v3 typed meanwhile\n");
    CHECK(run_in(laptop, "git fsck --strict").status == 0);
  }
  SECTION("a merge the user started with git is still refused") {
    fs::remove(note);
    write_file(phone / "Shared.md", "resolved\n");
    CHECK_THROWS_WITH(commit_vault(phone, settings), Catch::Contains("middle of a merge"));
  }
}

TEST_CASE_METHOD(TwoClones, "an empty clone fast-forwards from its unborn branch", "[git][sync]") {
  const fs::path tablet = sandbox.root() / "tablet";
  init_repo(tablet);
  git(tablet, "remote add origin " + shell_quote("file://" + remote.string()));
  SyncResult result = sync_vault(tablet, settings);
  CHECK(result.local_commit.outcome == CommitOutcome::nothing_to_commit);
  CHECK(result.merge == MergeOutcome::fast_forwarded);
  CHECK(head_of(tablet) == head_of(laptop));
  CHECK(read_file_text(tablet / "Shared.md") == read_file_text(laptop / "Shared.md"));
  CHECK(git(tablet, "status --porcelain").empty());
}

TEST_CASE_METHOD(TwoClones, "a missing remote is a clear error", "[git][sync]") {
  settings.git_remote = "backup";
  CHECK_THROWS_WITH(sync_vault(laptop, settings), Catch::Contains("no remote named 'backup'"));
}

TEST_CASE_METHOD(TwoClones, "editor state tracked by an older tool never blocks sync", "[git][sync]") {
  // The laptop's previous git plugin committed workspace.json; the remote has it.
  write_file(laptop / ".obsidian/workspace.json", "{\"laptop\":1}\n");
  git(laptop, "add -f .obsidian/workspace.json && git commit -qm 'old plugin' && git push -q origin main");
  git(phone, "pull -q");
  write_file(phone / ".obsidian/workspace.json", "{\"phone\":2}\n");  // dirty here, never committed by vaultlink
  write_file(phone / "Phone.md", "phone v2\n");
  write_file(laptop / ".obsidian/workspace.json", "{\"laptop\":3}\n");
  git(laptop, "commit -qam 'old plugin again' && git push -q origin main");
  write_file(laptop / "Laptop.md", "laptop v2\n");
  REQUIRE(sync_vault(laptop, settings).pushed);

  SyncResult result = sync_vault(phone, settings);
  CHECK(result.merge == MergeOutcome::merged);
  CHECK(result.pushed);
  CHECK(read_file_text(phone / "Laptop.md") == "laptop v2\n");
  // This machine's editor state is its own.
  CHECK(read_file_text(phone / ".obsidian/workspace.json") == "{\"phone\":2}\n");
  CHECK(git(phone, "show HEAD:.obsidian/workspace.json") == "{\"laptop\":3}\n");

  SECTION("an untracked copy on a new machine does not block the first sync either") {
    const fs::path tablet = sandbox.root() / "tablet";
    init_repo(tablet);
    git(tablet, "remote add origin " + shell_quote(remote.string()));
    write_file(tablet / ".obsidian/workspace.json", "{\"tablet\":0}\n");
    SyncResult first = sync_vault(tablet, settings);
    CHECK(first.merge == MergeOutcome::fast_forwarded);
    CHECK(read_file_text(tablet / ".obsidian/workspace.json") == "{\"tablet\":0}\n");
    CHECK(read_file_text(tablet / "Phone.md") == "phone v2\n");
  }
}
