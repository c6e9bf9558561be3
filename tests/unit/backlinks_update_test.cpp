// Writing backlinks sections into real notes on disk.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/vault.hpp"

namespace fs = std::filesystem;
using vaultlink::BacklinksOptions;
using vaultlink::BacklinksOutcome;
using vaultlink::Settings;
using vaultlink::update_backlinks;
using vaultlink::Vault;
using vaultlink::test::Sandbox;
using Status = BacklinksOutcome::Status;

namespace {

const std::string kStart = "<!-- vaultlink:backlinks -->";
const std::string kEnd = "<!-- /vaultlink:backlinks -->";

std::map<std::string, Status> run(const fs::path& root, Settings settings = Settings::defaults(),
                                  BacklinksOptions options = {}) {
  Vault vault = Vault::load(root, std::move(settings));
  std::map<std::string, Status> statuses;
  for (const auto& outcome : update_backlinks(vault, {}, options)) statuses[outcome.path] = outcome.status;
  return statuses;
}

std::int64_t mtime_ns(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec;
}

std::map<std::string, std::string> snapshot(const Sandbox& sandbox, const std::vector<std::string>& notes) {
  std::map<std::string, std::string> bytes;
  for (const auto& note : notes) bytes[note] = sandbox.read(note);
  return bytes;
}

}  // namespace

TEST_CASE("backlinks are written once; a second run changes nothing", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "# Target\n\ntext\n");
  sandbox.write("Source.md", "## Part\nSee [[Target]].\n");
  sandbox.write("Lonely.md", "nobody links here\n");

  auto first = run(sandbox.root());
  CHECK(first["Target.md"] == Status::updated);
  CHECK(first["Source.md"] == Status::unchanged);
  CHECK(first["Lonely.md"] == Status::unchanged);
  CHECK(sandbox.read("Target.md") == "# Target\n\ntext\n\n" + kStart +
                                         "\n## Backlinks\n- [[Source]]\n  - [[Source#Part]]\n" + kEnd + "\n");

  auto before = snapshot(sandbox, {"Target.md", "Source.md", "Lonely.md"});
  auto stamp = mtime_ns(sandbox.root() / "Target.md");
  auto second = run(sandbox.root());
  for (const auto& [path, status] : second) CHECK(status == Status::unchanged);
  CHECK(snapshot(sandbox, {"Target.md", "Source.md", "Lonely.md"}) == before);
  CHECK(mtime_ns(sandbox.root() / "Target.md") == stamp);  // not even rewritten with the same bytes
}

TEST_CASE("a note without backlinks and without a section is never written", "[backlinks][update]") {
  Sandbox sandbox;
  auto note = sandbox.write("Alone.md", "odd bytes\r\nmixed\n  trailing  ");
  fs::permissions(note, fs::perms(0600), fs::perm_options::replace);
  auto stamp = mtime_ns(note);
  CHECK(run(sandbox.root())["Alone.md"] == Status::unchanged);
  CHECK(mtime_ns(note) == stamp);
  CHECK(sandbox.read("Alone.md") == "odd bytes\r\nmixed\n  trailing  ");
}

TEST_CASE("CRLF notes and notes without a final newline keep their bytes", "[backlinks][update]") {
  Sandbox sandbox;
  const std::string crlf = "---\r\ntitle: W\r\n---\r\n# Windows  \r\n\r\ntext\r\n";
  const std::string no_newline = "last line without newline  ";
  sandbox.write("Crlf.md", crlf);
  sandbox.write("Open.md", no_newline);
  sandbox.write("Source.md", "[[Crlf]] [[Open]]\n");
  run(sandbox.root());

  std::string crlf_after = sandbox.read("Crlf.md");
  CHECK(crlf_after == crlf + "\r\n" + kStart + "\r\n## Backlinks\r\n- [[Source]]\r\n" + kEnd + "\r\n");
  std::string open_after = sandbox.read("Open.md");
  CHECK(open_after == no_newline + "\n\n" + kStart + "\n## Backlinks\n- [[Source]]\n" + kEnd);

  // When the source goes, the sections go and the original bytes come back.
  fs::remove(sandbox.root() / "Source.md");
  auto removed = run(sandbox.root());
  CHECK(removed["Crlf.md"] == Status::updated);
  CHECK(sandbox.read("Crlf.md") == crlf);
  CHECK(sandbox.read("Open.md") == no_newline);
}

TEST_CASE("malformed markers are reported with their line and the note is left alone; others are updated",
          "[backlinks][update]") {
  Sandbox sandbox;
  const std::string broken = "text\n" + kStart + "\n- [[Old]]\n";
  const std::string doubled = kStart + "\n" + kStart + "\n" + kEnd + "\n";
  sandbox.write("Broken.md", broken);
  sandbox.write("Doubled.md", doubled);
  sandbox.write("Fine.md", "");
  sandbox.write("Source.md", "[[Broken]] [[Doubled]] [[Fine]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  auto outcomes = update_backlinks(vault);
  REQUIRE(outcomes.size() == 4);
  CHECK(outcomes[0].path == "Broken.md");
  CHECK(outcomes[0].status == Status::malformed);
  CHECK(outcomes[0].line == 2);
  CHECK(outcomes[0].message.find("without an end marker") != std::string::npos);
  CHECK(outcomes[1].path == "Doubled.md");
  CHECK(outcomes[1].status == Status::malformed);
  CHECK(outcomes[1].line == 2);
  CHECK(outcomes[2].status == Status::updated);
  CHECK(sandbox.read("Broken.md") == broken);
  CHECK(sandbox.read("Doubled.md") == doubled);
  CHECK(sandbox.read("Fine.md").find("- [[Source]]") != std::string::npos);
}

TEST_CASE("markers inside a code block are not a section", "[backlinks][update]") {
  Sandbox sandbox;
  const std::string documented = "How it looks:\n\n```\n" + kStart + "\n- [[Example]]\n" + kEnd + "\n```\n";
  sandbox.write("Docs.md", documented);
  sandbox.write("Source.md", "[[Docs]]\n");
  CHECK(run(sandbox.root())["Docs.md"] == Status::updated);
  CHECK(sandbox.read("Docs.md") == documented + "\n" + kStart + "\n## Backlinks\n- [[Source]]\n" + kEnd + "\n");
  CHECK(run(sandbox.root())["Docs.md"] == Status::unchanged);
}

TEST_CASE("where the parser sees the section decides, so a section is never duplicated",
          "[backlinks][update]") {
  Sandbox sandbox;
  // Indented under a list item: an HTML block inside the item for the
  // parser, while a line scan alone would take it for an indented code line.
  sandbox.write("Nested.md", "- item\n    " + kStart + "\n    - [[Old]]\n    " + kEnd + "\n");
  sandbox.write("Source.md", "[[Nested]]\n");
  CHECK(run(sandbox.root())["Nested.md"] == Status::updated);
  std::string text = sandbox.read("Nested.md");
  CHECK(text == "- item\n" + kStart + "\n## Backlinks\n- [[Source]]\n" + kEnd + "\n");
  CHECK(run(sandbox.root())["Nested.md"] == Status::unchanged);
}

TEST_CASE("a renamed or deleted source disappears from its targets' sections", "[backlinks][update]") {
  Sandbox sandbox;
  const std::string target = "# Target\n";
  sandbox.write("Target.md", target);
  sandbox.write("Other.md", "other\n");
  sandbox.write("Old name.md", "[[Target]] [[Other]]\n");
  sandbox.write("Keeper.md", "[[Other]]\n");
  run(sandbox.root());
  CHECK(sandbox.read("Target.md").find("- [[Old name]]") != std::string::npos);

  fs::rename(sandbox.root() / "Old name.md", sandbox.root() / "New name.md");
  run(sandbox.root());
  CHECK(sandbox.read("Target.md").find("Old name") == std::string::npos);
  CHECK(sandbox.read("Target.md").find("- [[New name]]") != std::string::npos);

  fs::remove(sandbox.root() / "New name.md");
  auto outcome = run(sandbox.root());
  CHECK(outcome["Target.md"] == Status::updated);
  CHECK(sandbox.read("Target.md") == target);  // its last backlink went: the section is removed
  CHECK(sandbox.read("Other.md") == "other\n\n" + kStart + "\n## Backlinks\n- [[Keeper]]\n" + kEnd + "\n");
}

TEST_CASE("with backlinksRemoveWhenEmpty off an emptied section keeps its heading", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "t\n");
  sandbox.write("Source.md", "[[Target]]\n");
  sandbox.write("Never.md", "n\n");
  run(sandbox.root());
  fs::remove(sandbox.root() / "Source.md");
  Settings settings = Settings::defaults();
  settings.backlinks_remove_when_empty = false;
  run(sandbox.root(), settings);
  CHECK(sandbox.read("Target.md") == "t\n\n" + kStart + "\n## Backlinks\n" + kEnd + "\n");
  CHECK(sandbox.read("Never.md") == "n\n");
}

TEST_CASE("the heading comes from the settings", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "t\n");
  sandbox.write("Source.md", "[[Target]]\n");
  Settings settings = Settings::defaults();
  settings.backlinks_heading = "### Linked from";
  run(sandbox.root(), settings);
  CHECK(sandbox.read("Target.md") == "t\n\n" + kStart + "\n### Linked from\n- [[Source]]\n" + kEnd + "\n");
}

TEST_CASE("a read-only note gets a clear error and the other notes are still updated", "[backlinks][update]") {
  Sandbox sandbox;
  auto locked = sandbox.write("Locked.md", "locked\n");
  sandbox.write("Open.md", "open\n");
  sandbox.write("Source.md", "[[Locked]] [[Open]]\n");
  fs::permissions(locked, fs::perms(0444), fs::perm_options::replace);
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  auto outcomes = update_backlinks(vault);
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[0].path == "Locked.md");
  CHECK(outcomes[0].status == Status::error);
  CHECK(outcomes[0].message.find("Locked.md") != std::string::npos);
  CHECK(outcomes[0].message.find("read-only") != std::string::npos);
  CHECK(outcomes[1].status == Status::updated);
  CHECK(sandbox.read("Locked.md") == "locked\n");
  CHECK(sandbox.read("Open.md").find("- [[Source]]") != std::string::npos);
}

TEST_CASE("a note too large to read is an error only when it needs a section", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("Huge.md", std::string(2000, 'x') + "\n");
  sandbox.write("Ignored huge.md", std::string(2000, 'y') + "\n");
  sandbox.write("Source.md", "[[Huge]]\n");
  Settings settings = Settings::defaults();
  settings.max_note_bytes = 1000;
  auto outcomes = run(sandbox.root(), settings);
  CHECK(outcomes["Huge.md"] == Status::error);
  CHECK(outcomes["Ignored huge.md"] == Status::unchanged);
  CHECK(sandbox.read("Huge.md") == std::string(2000, 'x') + "\n");
}

TEST_CASE("check_only reports stale sections and writes nothing", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "t\n");
  sandbox.write("Source.md", "[[Target]]\n");
  BacklinksOptions check;
  check.check_only = true;
  CHECK(run(sandbox.root(), Settings::defaults(), check)["Target.md"] == Status::updated);
  CHECK(sandbox.read("Target.md") == "t\n");
  run(sandbox.root());
  CHECK(run(sandbox.root(), Settings::defaults(), check)["Target.md"] == Status::unchanged);
}

TEST_CASE("only the notes asked for are updated", "[backlinks][update]") {
  Sandbox sandbox;
  sandbox.write("A.md", "a\n");
  sandbox.write("B.md", "b\n");
  sandbox.write("Source.md", "[[A]] [[B]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  auto outcomes = update_backlinks(vault, {"B.md", "Missing.md"});
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].path == "B.md");
  CHECK(sandbox.read("A.md") == "a\n");
  CHECK(sandbox.read("B.md") != "b\n");
}

TEST_CASE("lines another process appends while backlinks are written all survive",
          "[backlinks][update][concurrency]") {
  Sandbox sandbox;
  const std::vector<std::string> targets = {"T1.md", "T2.md", "T3.md"};
  for (const auto& target : targets) sandbox.write(target, "# " + target + "\n");
  sandbox.write("Source.md", "## A\n[[T1]] [[T2]]\n## B\n[[T3]]\n");
  sandbox.write("Other.md", "[[T1]] [[T3]]\n");
  constexpr int kRounds = 60;

  // A real second process, appending the way `echo line >> note` does
  // (open, append, close), to every target in turn.
  pid_t appender = ::fork();
  REQUIRE(appender >= 0);
  if (appender == 0) {
    std::string script = "for i in $(seq 1 " + std::to_string(kRounds) +
                         "); do for f in T1 T2 T3; do echo \"appended $f $i\" >> \"$f.md\"; done; sleep 0.01; done";
    ::chdir(sandbox.root().c_str());
    ::execl("/bin/bash", "bash", "-c", script.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int runs = 0, status = 0;
  while (::waitpid(appender, &status, WNOHANG) == 0) {
    Vault vault = Vault::load(sandbox.root(), Settings::defaults());
    for (const auto& outcome : update_backlinks(vault)) {
      INFO(outcome.path << ": " << outcome.message);
      CHECK(outcome.status != Status::malformed);
    }
    ++runs;
  }
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(runs > 1);

  run(sandbox.root());  // settles the sections after the last append
  for (const auto& target : targets) {
    std::string text = sandbox.read(target);
    std::string name = target.substr(0, 2);
    int missing = 0;
    for (int i = 1; i <= kRounds; ++i)
      missing += text.find("appended " + name + " " + std::to_string(i) + "\n") == std::string::npos;
    CHECK(missing == 0);
    // Exactly one section, still well-formed.
    CHECK(text.find(kStart) == text.rfind(kStart));
    CHECK(text.find("- [[Source]]") != std::string::npos);
  }
  CHECK(run(sandbox.root())["T1.md"] == Status::unchanged);
}
