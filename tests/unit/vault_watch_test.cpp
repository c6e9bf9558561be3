// The watch loop with a real watcher, real files and a real git repository.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "git_test_support.hpp"
#include "sandbox.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/vault_watch.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vaultlink::Session;
using vaultlink::Settings;
using vaultlink::Vault;
using vaultlink::VaultWatch;
using vaultlink::WatchActivity;
using vaultlink::test::Sandbox;

namespace {

Settings watch_settings(int quiet_seconds) {
  Settings settings = Settings::defaults();
  settings.debounce_ms = 30;
  settings.git_quiet_seconds = quiet_seconds;
  return settings;
}

// Processes batches until none arrives for `settle`; returns what they did.
std::vector<WatchActivity> drain(VaultWatch& watch, std::chrono::milliseconds settle = 600ms) {
  std::vector<WatchActivity> done;
  for (auto batch = watch.wait(10s); batch; batch = watch.wait(settle)) done.push_back(watch.process(std::move(batch)));
  return done;
}

std::string describe(const std::vector<vaultlink::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics)
    text += d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code + "\n";
  return text;
}

// A repository whose one commit holds vault/A.md linking to vault/B.md; returns the vault.
fs::path committed_vault(Sandbox& sandbox) {
  const fs::path root = sandbox.root() / "vault";
  fs::create_directories(root);
  vaultlink::test::init_repo(root);
  sandbox.write("vault/A.md", "[[B]]\n");
  sandbox.write("vault/B.md", "# B\n");
  vaultlink::test::git(root, "add -A");
  vaultlink::test::git(root, "commit -q -m start");
  return root;
}

}  // namespace

TEST_CASE("watch property: random edits made at full speed end in the from-scratch state", "[vault_watch][property]") {
  Sandbox sandbox;
  const fs::path root = sandbox.root();
  const std::vector<std::string> names = {"One", "Two", "Three", "sub/Four", "sub/deep/Five"};
  std::mt19937 random(GENERATE(11u, 12u));
  auto pick = [&](const auto& list) { return list[random() % list.size()]; };
  auto note_text = [&] {
    std::string text = "# " + pick(names) + "\n\n## Part\n\n";
    for (int i = 0, links = static_cast<int>(random() % 4); i < links; ++i)
      text += "See [[" + fs::path(pick(names)).filename().string() + (random() % 3 == 0 ? "#Part" : "") + "]].\n";
    return text;
  };
  for (const auto& name : names) sandbox.write(name + ".md", note_text());

  Session session(Vault::load(root, watch_settings(3600)));
  VaultWatch watch(session);
  session.update_all_backlinks();
  drain(watch);

  for (int step = 0; step < 40; ++step) {
    const std::string path = pick(names) + ".md";
    switch (random() % 4) {
      case 0:
      case 1: sandbox.write(path, note_text()); break;
      case 2: {
        std::error_code ignored;
        fs::rename(root / path, root / (pick(names) + ".md"), ignored);
        break;
      }
      default: fs::remove(root / path); break;
    }
  }
  drain(watch);

  Vault fresh = Vault::load(root, watch_settings(3600));
  CHECK(describe(session.all_diagnostics()) == describe(fresh.check()));
  vaultlink::BacklinksOptions check_only;
  check_only.check_only = true;
  for (const auto& outcome : vaultlink::update_backlinks(fresh, {}, check_only)) {
    INFO(outcome.path);
    CHECK(outcome.status == vaultlink::BacklinksOutcome::Status::unchanged);
  }
}

TEST_CASE("watch: commits once the vault has been quiet, and what is pending at the end", "[vault_watch][git]") {
  Sandbox sandbox;
  vaultlink::test::HermeticGit hermetic(sandbox);
  const fs::path root = committed_vault(sandbox);

  SECTION("after the quiet interval") {
    Session session(Vault::load(root, watch_settings(1)));
    VaultWatch watch(session);
    sandbox.write("vault/C.md", "[[B]] too\n");
    auto activities = drain(watch, 200ms);
    REQUIRE_FALSE(activities.empty());
    // Not yet: the edit is younger than the quiet interval.
    CHECK(vaultlink::test::commit_count(root) == 1);
    std::optional<vaultlink::CommitResult> commit;
    for (int i = 0; i < 50 && !commit; ++i) commit = watch.process(watch.wait(100ms)).commit;
    REQUIRE(commit);
    CHECK(commit->outcome == vaultlink::CommitOutcome::committed);
    CHECK(vaultlink::test::commit_count(root) == 2);
    // The note and the section written into B.md because of it.
    CHECK(vaultlink::test::git(root, "status --porcelain").empty());
  }
  SECTION("on shutdown") {
    Session session(Vault::load(root, watch_settings(3600)));
    VaultWatch watch(session);
    sandbox.write("vault/C.md", "[[B]] too\n");
    drain(watch, 200ms);
    CHECK(vaultlink::test::commit_count(root) == 1);
    WatchActivity last = watch.finish();
    REQUIRE(last.commit);
    CHECK(vaultlink::test::commit_count(root) == 2);
    CHECK(vaultlink::test::git(root, "status --porcelain").empty());
  }
}

TEST_CASE("watch: what was uncommitted at its start, and its first pass's sections, are committed once quiet",
          "[vault_watch][git]") {
  Sandbox sandbox;
  vaultlink::test::HermeticGit hermetic(sandbox);
  const fs::path root = committed_vault(sandbox);

  auto commits_once_quiet = [&](VaultWatch& watch) {
    std::optional<vaultlink::CommitResult> commit;
    for (int i = 0; i < 50 && !commit; ++i) commit = watch.process(watch.wait(100ms)).commit;
    return commit;
  };
  SECTION("an edit made before the start and the sections the first pass writes") {
    sandbox.write("vault/D.md", "written while nothing watched\n");
    Session session(Vault::load(root, watch_settings(1)));
    VaultWatch watch(session);
    REQUIRE_FALSE(session.update_all_backlinks().empty());  // B.md gets its section
    auto commit = commits_once_quiet(watch);
    REQUIRE(commit);
    CHECK(commit->outcome == vaultlink::CommitOutcome::committed);
    CHECK(vaultlink::test::commit_count(root) == 2);
    CHECK(vaultlink::test::git(root, "status --porcelain").empty());
    CHECK(vaultlink::test::git(root, "show --name-only --format= HEAD") == "B.md\nD.md\n");
  }
  SECTION("a clean vault: no empty commit") {
    Session session(Vault::load(root, watch_settings(1)));
    VaultWatch watch(session);
    auto commit = commits_once_quiet(watch);
    CHECK(vaultlink::test::commit_count(root) == 1);
    if (commit) CHECK(commit->outcome != vaultlink::CommitOutcome::committed);
  }
}

TEST_CASE("watch: auto-commit stays off outside a repository, with the reason", "[vault_watch][git]") {
  Sandbox sandbox;
  vaultlink::test::HermeticGit hermetic(sandbox);
  sandbox.write("A.md", "# A\n");
  Session session(Vault::load(sandbox.root(), watch_settings(0)));
  VaultWatch watch(session);
  CHECK_FALSE(watch.committer().enabled());
  CHECK_FALSE(watch.committer().disabled_reason().empty());
  sandbox.write("B.md", "[[A]]\n");
  for (const auto& activity : drain(watch, 200ms)) {
    CHECK_FALSE(activity.commit);
    CHECK(activity.problems.empty());
  }
  CHECK_FALSE(fs::exists(sandbox.root() / ".git"));
}
