// Checking one note's fresh text (an unsaved buffer, or a save the loaded
// vault has not seen) against a loaded vault.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/check_buffer.hpp"
#include "vaultlink/vault.hpp"

using vaultlink::Diagnostic;
using vaultlink::Settings;
using vaultlink::Vault;
using vaultlink::test::Sandbox;

namespace {
std::vector<std::string> summary(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics)
    out.push_back(d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code);
  return out;
}
}  // namespace

TEST_CASE("the buffer's text is checked instead of the file on disk", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[B]]\n");
  sandbox.write("B.md", "# B\n");
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vaultlink::check_note_text(vault, "A.md", "[[B]]\n").empty());
  CHECK(summary(vaultlink::check_note_text(vault, "A.md", "ok\n[[Missing]]\n")) ==
        std::vector<std::string>{"A.md:2:1 broken-link"});
  // The vault itself is unchanged by a buffer check.
  CHECK(vault.check().empty());
}

TEST_CASE("links to the buffer's own headings see the buffer's headings", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", "# Old\n[[#Old]]\n");
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vaultlink::check_note_text(vault, "A.md", "# New\n[[#New]]\n").empty());
  CHECK(summary(vaultlink::check_note_text(vault, "A.md", "# New\n[[#Old]]\n")) ==
        std::vector<std::string>{"A.md:2:1 broken-heading"});
  // A note not on disk yet is checked too, and other notes may link to it by name.
  CHECK(vaultlink::check_note_text(vault, "Fresh.md", "[[Fresh#Top]]\n# Top\n[[A#Old]]\n").empty());
}

TEST_CASE("a save the vault has not seen is read from disk", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", "fine\n");
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  sandbox.write("A.md", "[[Gone]]\n");
  auto on_disk = vaultlink::check_note_on_disk(vault, "A.md");
  REQUIRE(on_disk);
  CHECK(summary(*on_disk) == std::vector<std::string>{"A.md:1:1 broken-link"});
  CHECK_FALSE(vaultlink::check_note_on_disk(vault, "Nope.md"));
}

TEST_CASE("oversized buffers and files are unreadable-file, not parsed", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", std::string(200, 'x'));
  Settings settings = Settings::defaults();
  settings.max_note_bytes = 100;
  const Vault vault = Vault::load(sandbox.root(), settings);
  CHECK(summary(vaultlink::check_note_text(vault, "A.md", std::string(101, '[') + "[[Missing]]")) ==
        std::vector<std::string>{"A.md:1:1 unreadable-file"});
  auto on_disk = vaultlink::check_note_on_disk(vault, "A.md");
  REQUIRE(on_disk);
  CHECK(summary(*on_disk) == std::vector<std::string>{"A.md:1:1 unreadable-file"});
}

TEST_CASE("notes the vault leaves out are not checked", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", "\n");
  Settings settings = Settings::defaults();
  settings.excluded_folders = {"templates/"};
  const Vault vault = Vault::load(sandbox.root(), settings);
  CHECK(vaultlink::check_note_text(vault, "templates/Day.md", "[[Missing]]\n").empty());
  CHECK(vaultlink::check_note_text(vault, ".obsidian/x.md", "[[Missing]]\n").empty());
  CHECK(vaultlink::check_note_text(vault, "sub/.hidden.md", "[[Missing]]\n").empty());
  CHECK(summary(vaultlink::check_note_text(vault, "templatesX/Day.md", "[[Missing]]\n")) ==
        std::vector<std::string>{"templatesX/Day.md:1:1 broken-link"});
}

TEST_CASE("notes Obsidian's Excluded files leave out are not checked either", "[check_buffer][rule16]") {
  Sandbox sandbox;
  sandbox.write("A.md", "\n");
  sandbox.write(".obsidian/app.json", R"({"userIgnoreFilters": ["Archive/", "/\\.excalidraw\\.md$/"]})");
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vaultlink::check_note_text(vault, "Archive/Old.md", "[[Missing]]\n").empty());
  CHECK(vaultlink::check_note_text(vault, "Drawing.excalidraw.md", "[[Missing]]\n").empty());
  CHECK_FALSE(vaultlink::check_note_text(vault, "Archived.md", "[[Missing]]\n").empty());
}

TEST_CASE("bad bytes in a buffer give diagnostics, never a crash", "[check_buffer]") {
  Sandbox sandbox;
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  std::string nasty = "\xff\xfe\n";
  nasty += std::string("a\0b", 3);
  nasty += std::string(10000, '[');
  nasty += "\n---\n";
  CHECK_NOTHROW(vaultlink::check_note_text(vault, "N.md", nasty));
}

TEST_CASE("a BufferChecker's checks do not leak into each other", "[check_buffer]") {
  Sandbox sandbox;
  sandbox.write("A.md", "# Old\n");
  sandbox.write("B.md", "[[A#Old]]\n");
  sandbox.write("Near.md", "# Near\n");
  const Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  vaultlink::BufferChecker checker(vault);
  // A's buffer renames its heading; B, checked next, still sees A as on disk.
  CHECK(checker.check_text("A.md", "# New\n[[#New]]\n").empty());
  CHECK(checker.check_text("B.md", "[[A#Old]]\n").empty());
  CHECK(summary(checker.check_text("B.md", "[[A#New]]\n")) == std::vector<std::string>{"B.md:1:1 broken-heading"});
  // A note only in a buffer is gone for the next check, and never suggested.
  CHECK(checker.check_text("Fresh.md", "[[Fresh]]\n").empty());
  CHECK(summary(checker.check_text("B.md", "[[Fresh]]\n")) == std::vector<std::string>{"B.md:1:1 broken-link"});
  // Suggestions remembered between checks are the ones a fresh check gives.
  const auto first = checker.check_text("B.md", "[[Neer]]\n");
  REQUIRE(first.size() == 1);
  CHECK(first[0].suggestion == std::optional<std::string>("[[Near]]"));
  CHECK(checker.check_text("B.md", "[[Neer]]\n")[0].suggestion == first[0].suggestion);
  CHECK(vaultlink::check_note_text(vault, "B.md", "[[Neer]]\n")[0].suggestion == first[0].suggestion);
  CHECK(vault.check().empty());
}
