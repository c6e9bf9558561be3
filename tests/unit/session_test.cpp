// The incremental session against real files: every state it reaches must
// equal a from-scratch check and backlinks run over the same files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/session.hpp"

namespace fs = std::filesystem;
using vaultlink::BacklinksOptions;
using vaultlink::BacklinksOutcome;
using vaultlink::Diagnostic;
using vaultlink::Session;
using vaultlink::SessionUpdate;
using vaultlink::Settings;
using vaultlink::Vault;
using vaultlink::test::Sandbox;

namespace {

Session open_session(const fs::path& root) {
  Session session(Vault::load(root, Settings::defaults()));
  session.update_all_backlinks();
  return session;
}

std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics)
    text += d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code + " " + d.message +
            (d.suggestion ? " => " + *d.suggestion : "") + "\n";
  return text;
}

// The session's diagnostics equal a fresh check, and every section on disk
// equals what a fresh backlinks run would write.
void require_matches_from_scratch(const Session& session) {
  Vault fresh = Vault::load(session.vault().root(), Settings::defaults());
  REQUIRE(describe(session.all_diagnostics()) == describe(fresh.check()));
  BacklinksOptions check_only;
  check_only.check_only = true;
  for (const auto& outcome : vaultlink::update_backlinks(fresh, {}, check_only)) {
    INFO(outcome.path << ": " << outcome.message);
    REQUIRE(outcome.status == BacklinksOutcome::Status::unchanged);
  }
}

bool has_code(const Session& session, const std::string& note, const std::string& code) {
  for (const auto& d : session.diagnostics(note))
    if (d.code == code) return true;
  return false;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("session: a created note fixes the links to it and gets its section", "[session]") {
  Sandbox sandbox;
  sandbox.write("A.md", "# A\n\nSee [[B]] and [[B#Part]].\n");
  Session session = open_session(sandbox.root());
  REQUIRE(has_code(session, "A.md", "broken-link"));

  sandbox.write("B.md", "# B\n\n## Part\n\ntext\n");
  SessionUpdate update = session.apply_paths({"B.md"});
  CHECK(update.changed_files == std::vector<std::string>{"B.md"});
  CHECK(contains(update.diagnostics_changed, "A.md"));
  CHECK(session.diagnostics("A.md").empty());
  REQUIRE(update.backlinks.size() == 1);
  CHECK(update.backlinks[0].path == "B.md");
  CHECK(sandbox.read("B.md").find("[[A]]") != std::string::npos);
  require_matches_from_scratch(session);
}

TEST_CASE("session: removing a heading breaks the links into it, adding it back heals them", "[session]") {
  Sandbox sandbox;
  sandbox.write("A.md", "Go to [[B#Part]].\n");
  sandbox.write("B.md", "# B\n\n## Part\n");
  Session session = open_session(sandbox.root());
  REQUIRE(session.diagnostics("A.md").empty());

  sandbox.write("B.md", "# B\n\n## Renamed part\n");
  auto update = session.apply_paths({"B.md"});
  CHECK(contains(update.diagnostics_changed, "A.md"));
  CHECK(has_code(session, "A.md", "broken-heading"));
  require_matches_from_scratch(session);

  sandbox.write("B.md", "# B\n\n## Part\n");
  session.apply_paths({"B.md"});
  CHECK(session.diagnostics("A.md").empty());
  require_matches_from_scratch(session);
}

TEST_CASE("session: renaming and deleting notes and folders", "[session]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[B]] [[sub/C]] ![[pic.png]]\n");
  sandbox.write("B.md", "B links [[A]]\n");
  sandbox.write("sub/C.md", "C\n");
  sandbox.write("sub/pic.png", "png");
  Session session = open_session(sandbox.root());
  REQUIRE(session.all_diagnostics().empty());

  fs::rename(sandbox.root() / "B.md", sandbox.root() / "sub/B2.md");
  auto update = session.apply_paths({"B.md", "sub/B2.md"});
  CHECK(update.changed_files == std::vector<std::string>{"B.md", "sub/B2.md"});
  CHECK(has_code(session, "A.md", "broken-link"));
  require_matches_from_scratch(session);

  fs::remove_all(sandbox.root() / "sub");
  update = session.apply_paths({"sub"});
  CHECK(update.changed_files.size() == 3);
  CHECK(session.diagnostics("sub/B2.md").empty());
  require_matches_from_scratch(session);

  // A whole folder moved in at once is scanned.
  sandbox.write("other/sub/C.md", "C again\n");
  sandbox.write("other/sub/pic.png", "png");
  session.apply_paths({"other"});
  require_matches_from_scratch(session);
}

TEST_CASE("session: its own section writes are not read again", "[session]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[B]]\n");
  sandbox.write("B.md", "B\n");
  Session session = open_session(sandbox.root());
  sandbox.write("C.md", "also [[B]]\n");
  auto update = session.apply_paths({"C.md"});
  REQUIRE(update.backlinks.size() == 1);
  // What the watcher reports next: the section just written into B.md.
  update = session.apply_paths({"B.md"});
  CHECK(update.changed_files.empty());
  CHECK(update.revalidated == 0);
}

TEST_CASE("session: a new name changes the suggestions offered for broken links elsewhere", "[session]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[Meeting notez]]\n");
  sandbox.write("Other.md", "nothing\n");
  Session session = open_session(sandbox.root());
  REQUIRE(has_code(session, "A.md", "broken-link"));
  REQUIRE_FALSE(session.diagnostics("A.md")[0].suggestion);

  sandbox.write("Meeting notes.md", "# Meeting\n");
  auto update = session.apply_paths({"Meeting notes.md"});
  CHECK(contains(update.diagnostics_changed, "A.md"));
  REQUIRE(session.diagnostics("A.md")[0].suggestion);
  require_matches_from_scratch(session);
}

TEST_CASE("session: an edit costs work for the note and its neighbours, not the vault", "[session]") {
  Sandbox sandbox;
  for (int i = 0; i < 200; ++i)
    sandbox.write("n" + std::to_string(i) + ".md", "# N\n\n[[n" + std::to_string((i + 1) % 200) + "]]\n");
  Session session = open_session(sandbox.root());
  sandbox.write("n7.md", "# N\n\nnow [[n8]] and [[n100]]\n");
  auto update = session.apply_paths({"n7.md"});
  CHECK(update.changed_files == std::vector<std::string>{"n7.md"});
  // n7 and n6 (which links to it); then the two notes whose sections were
  // written, n7 (the save dropped its section) and n100 (a new source), with
  // the notes linking to those.
  CHECK(update.revalidated <= 6);
  std::set<std::string> written;
  for (const auto& outcome : update.backlinks) written.insert(outcome.path);
  CHECK(written == std::set<std::string>{"n100.md", "n7.md"});  // n8's entry for n7 is unchanged: not written
  require_matches_from_scratch(session);
}

TEST_CASE("session property: random edits, renames and deletes equal a from-scratch run", "[session][property]") {
  const std::vector<std::string> names = {"Alpha", "Beta", "Gamma", "Delta", "Alpha beta"};
  const std::vector<std::string> folders = {"", "sub/", "deep/er/"};
  std::mt19937 random(GENERATE(1u, 2u, 3u));
  auto pick = [&](const auto& list) { return list[random() % list.size()]; };
  auto random_note = [&] {
    std::string text;
    if (random() % 3 == 0) text += "---\naliases: [" + pick(names) + " alias]\n---\n";
    text += "# " + pick(names) + "\n\n";
    const int parts = static_cast<int>(random() % 4);
    for (int i = 0; i < parts; ++i) {
      text += "## Part " + std::to_string(random() % 3) + "\n\nText ^b" + std::to_string(random() % 3) + "\n\n";
      switch (random() % 6) {
        case 0: text += "See [[" + pick(names) + "]].\n"; break;
        case 1: text += "See [[" + pick(names) + "#Part " + std::to_string(random() % 3) + "]].\n"; break;
        case 2: text += "See [[" + pick(folders) + pick(names) + "#^b" + std::to_string(random() % 3) + "]].\n"; break;
        case 3: text += "![[pic.png]] and [x](" + pick(folders) + "Beta.md)\n"; break;
        case 4: text += "[[" + pick(names) + " alias]]\n"; break;
        default: text += "[[Alpah]] typo\n"; break;
      }
    }
    return text;
  };

  Sandbox sandbox;
  std::vector<std::string> files;
  auto random_path = [&] { return pick(folders) + pick(names) + ".md"; };
  for (int i = 0; i < 6; ++i) {
    const std::string path = random_path();
    sandbox.write(path, random_note());
  }
  Session session = open_session(sandbox.root());
  require_matches_from_scratch(session);

  auto existing = [&] {
    std::vector<std::string> list;
    for (const auto& [path, file] : session.vault().index().files()) list.push_back(path);
    return list;
  };
  for (int step = 0; step < 40; ++step) {
    std::vector<std::string> changed;
    const auto present = existing();
    const unsigned op = random() % 10;
    if (op < 5 || present.empty()) {
      const std::string path = random_path();
      sandbox.write(path, random_note());
      changed.push_back(path);
    } else if (op < 7) {
      const std::string from = pick(present);
      const std::string to = from.ends_with(".png") ? pick(folders) + "pic.png" : random_path();
      if (from == to) continue;
      fs::create_directories((sandbox.root() / to).parent_path());
      fs::rename(sandbox.root() / from, sandbox.root() / to);
      changed = {from, to};
    } else if (op < 8) {
      const std::string path = pick(present);
      fs::remove(sandbox.root() / path);
      changed.push_back(path);
    } else if (op < 9) {
      const std::string path = pick(folders) + "pic.png";
      sandbox.write(path, "png");
      changed.push_back(path);
    } else {
      const std::string folder = random() % 2 ? "sub" : "deep";
      fs::remove_all(sandbox.root() / folder);
      changed.push_back(folder);
    }
    INFO("step " << step << " changed " << changed.front());
    session.apply_paths(changed);
    require_matches_from_scratch(session);
  }
}

TEST_CASE("session: a note renamed into another folder under another name breaks the links to it", "[session]") {
  Sandbox sandbox;
  sandbox.write("Home.md", "# Home\n\nSee [[Plan]].\n");
  sandbox.write("Plan.md", "# Plan\n");
  Session session = open_session(sandbox.root());
  REQUIRE(session.diagnostics("Home.md").empty());
  fs::create_directories(sandbox.root() / "Topics");
  fs::rename(sandbox.root() / "Plan.md", sandbox.root() / "Topics/Plan v2.md");
  auto update = session.apply_paths({"Topics/Plan v2.md", "Plan.md"});
  CHECK(contains(update.diagnostics_changed, "Home.md"));
  CHECK(has_code(session, "Home.md", "broken-link"));
  require_matches_from_scratch(session);
}

TEST_CASE("refresh: a saved note reaches only the targets whose entry for it changed", "[session][refresh]") {
  Sandbox sandbox;
  sandbox.write("Topic.md", "# Topic\n");
  sandbox.write("Other.md", "# Other\n");
  sandbox.write("S.md", "# S\n\n## Part\n\nSee [[Topic]].\n\n## Later\n\nAlso [[Other]].\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());

  SECTION("text away from the links: no other section to render") {
    sandbox.write("S.md", "# S\n\n## Part\n\nSee [[Topic]], edited.\n\n## Later\n\nAlso [[Other]], edited too.\n");
    auto delta = vault.refresh({"S.md"});
    CHECK(delta.backlink_targets == std::set<std::string, std::less<>>{"S.md"});
  }
  SECTION("a link moved under another heading: that target only") {
    sandbox.write("S.md", "# S\n\n## Part\n\ntext\n\n## Later\n\nSee [[Topic]]. Also [[Other]].\n");
    auto delta = vault.refresh({"S.md"});
    CHECK(delta.backlink_targets == std::set<std::string, std::less<>>{"S.md", "Topic.md"});
  }
  SECTION("a link removed, one added") {
    sandbox.write("S.md", "# S\n\n## Part\n\nSee [[Topic]].\n\n## Later\n\nAlso [[New]].\n");
    sandbox.write("New.md", "# New\n");
    auto delta = vault.refresh({"S.md", "New.md"});
    CHECK(delta.backlink_targets == std::set<std::string, std::less<>>{"New.md", "Other.md", "S.md"});
  }
}
