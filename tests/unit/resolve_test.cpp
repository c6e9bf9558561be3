// OBSIDIAN-LINKS.md section 3 (rules 10-16) and the resolution half of rule 21.
#include <catch2/catch.hpp>

#include "memory_vault.hpp"
#include "vaultlink/resolve.hpp"

using vaultlink::Resolution;
using vaultlink::test::MemoryVault;

TEST_CASE("rule 10: .md is optional, other files need their extension", "[resolve][rule10]") {
  MemoryVault vault{{"Note.md", ""}, {"diagram.png", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "Note").path == "Note.md");
  CHECK(vault.resolve("from.md", "Note.md").path == "Note.md");
  CHECK(vault.resolve("from.md", "diagram.png").path == "diagram.png");
  CHECK_FALSE(vault.resolve("from.md", "diagram").resolved());
}

TEST_CASE("rule 10: extensions compare ignoring case", "[resolve][rule10]") {
  MemoryVault vault{{"Note.md", ""}, {"diagram.png", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "diagram.PNG").path == "diagram.png");
  CHECK(vault.resolve("from.md", "Note.MD").path == "Note.md");
}

TEST_CASE("rule 10: a note whose name contains a dot still resolves without .md", "[resolve][rule10]") {
  MemoryVault vault{{"Release v1.2.md", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "Release v1.2").path == "Release v1.2.md");
}

TEST_CASE("rule 11: names compare ignoring case", "[resolve][rule11]") {
  MemoryVault vault{{"Log.md", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "LOG").path == "Log.md");
  CHECK(vault.resolve("from.md", "log").path == "Log.md");
}

TEST_CASE("rule 11: a decomposed name finds a composed one (NFC)", "[resolve][rule11]") {
  MemoryVault vault{{"Caf\xC3\xA9.md", ""}, {"from.md", ""}};                    // composed é
  CHECK(vault.resolve("from.md", "Cafe\xCC\x81").path == "Caf\xC3\xA9.md");     // e + combining acute
  CHECK(vault.resolve("from.md", "CAF\xC3\x89").path == "Caf\xC3\xA9.md");      // É
}

TEST_CASE("rule 11: a decomposed file name is found by a composed link", "[resolve][rule11]") {
  MemoryVault vault{{"Cafe\xCC\x81.md", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "Caf\xC3\xA9").path == "Cafe\xCC\x81.md");
}

TEST_CASE("rule 12: a target with / is an exact path from the vault root first", "[resolve][rule12]") {
  MemoryVault vault{{"b/Note.md", ""}, {"a/b/Note.md", ""}, {"from.md", ""}};
  Resolution resolution = vault.resolve("from.md", "b/Note");
  CHECK(resolution.path == "b/Note.md");
  CHECK_FALSE(resolution.ambiguous());
}

TEST_CASE("rule 12: else any file whose path ends with it", "[resolve][rule12]") {
  MemoryVault vault{{"a/b/Note.md", ""}, {"from.md", ""}, {"ab/Note.md", ""}};
  CHECK(vault.resolve("from.md", "b/Note").path == "a/b/Note.md");
  // A suffix matches whole path segments only: "b/Note" is not a suffix of "ab/Note".
  CHECK(vault.resolve("from.md", "b/Note").candidates.size() == 1);
}

TEST_CASE("rule 12: ../ and ./ are relative to the linking note's folder", "[resolve][rule12]") {
  MemoryVault vault{{"x/Target.md", ""}, {"x/y/from.md", ""}, {"x/y/Sibling.md", ""}, {"Target.md", ""}};
  CHECK(vault.resolve("x/y/from.md", "../Target").path == "x/Target.md");
  CHECK(vault.resolve("x/y/from.md", "./Sibling").path == "x/y/Sibling.md");
  CHECK(vault.resolve("x/y/from.md", "../../Target").path == "Target.md");
  CHECK_FALSE(vault.resolve("x/y/from.md", "./Target").resolved());
}

TEST_CASE("rule 12: nothing outside the vault ever resolves", "[resolve][rule12]") {
  MemoryVault vault{{"Note.md", ""}, {"from.md", ""}};
  Resolution resolution = vault.resolve("from.md", "../Note");
  CHECK(resolution.status == Resolution::Status::outside_vault);
  CHECK(vault.resolve("from.md", "../../etc/passwd").status == Resolution::Status::outside_vault);
  CHECK(vault.resolve("from.md", "/Note").path == "Note.md");  // a leading / is the vault root
}

TEST_CASE("rule 13: a shared name prefers the exact vault path", "[resolve][rule13]") {
  MemoryVault vault{{"Note.md", ""}, {"dir1/Note.md", ""}, {"dir2/Note.md", ""}, {"dir1/from.md", ""}};
  Resolution resolution = vault.resolve("dir1/from.md", "Note");
  CHECK(resolution.path == "Note.md");
  CHECK_FALSE(resolution.ambiguous());
}

TEST_CASE("rule 13: then a file in the linking note's own folder", "[resolve][rule13]") {
  MemoryVault vault{{"a/Note.md", ""}, {"dir1/deeper/Note.md", ""}, {"dir1/deeper/from.md", ""}};
  Resolution resolution = vault.resolve("dir1/deeper/from.md", "Note");
  CHECK(resolution.path == "dir1/deeper/Note.md");
  CHECK(resolution.ambiguous());  // Obsidian never warns; vaultlink does
}

TEST_CASE("rule 13: then the shortest path", "[resolve][rule13]") {
  MemoryVault vault{{"long/folder/Note.md", ""}, {"short/Note.md", ""}, {"from.md", ""}};
  Resolution resolution = vault.resolve("from.md", "Note");
  CHECK(resolution.path == "short/Note.md");
  REQUIRE(resolution.candidates.size() == 2);
  CHECK(resolution.candidates[1] == "long/folder/Note.md");
}

TEST_CASE("rule 14: aliases never make a link resolve", "[resolve][rule14]") {
  MemoryVault vault{{"Real name.md", "---\naliases: [AL]\n---\nbody\n"}, {"from.md", ""}};
  CHECK_FALSE(vault.resolve("from.md", "AL").resolved());
}

TEST_CASE("rule 15: a URL in a wikilink is a link to a missing note", "[resolve][rule15]") {
  MemoryVault vault{{"from.md", ""}};
  CHECK_FALSE(vault.resolve("from.md", "https://example.com").resolved());
}

TEST_CASE("rule 6: an empty target is the linking note itself", "[resolve][rule6]") {
  MemoryVault vault{{"folder/from.md", ""}};
  CHECK(vault.resolve("folder/from.md", "").path == "folder/from.md");
}

TEST_CASE("rule 5: spaces around the target do not matter", "[resolve][rule5]") {
  MemoryVault vault{{"Note.md", ""}, {"from.md", ""}};
  CHECK(vault.resolve("from.md", "  Note ").path == "Note.md");
}

TEST_CASE("rule 21: Markdown links resolve relative to the note, then like a wikilink", "[resolve][rule21]") {
  MemoryVault vault{{"notes/My Note.md", ""}, {"notes/from.md", ""}, {"other/Deep.md", ""}, {"top.md", ""}};
  using vaultlink::resolve_markdown;
  CHECK(resolve_markdown(vault.index, "notes/from.md", "My Note.md").path == "notes/My Note.md");
  CHECK(resolve_markdown(vault.index, "notes/from.md", "../top.md").path == "top.md");
  CHECK(resolve_markdown(vault.index, "notes/from.md", "Deep.md").path == "other/Deep.md");
  CHECK(resolve_markdown(vault.index, "notes/from.md", "../../x.md").status == Resolution::Status::outside_vault);
}

TEST_CASE("shortest_link_target gives the shortest unambiguous form", "[resolve]") {
  MemoryVault vault{{"Note.md", ""}, {"a/b/Note.md", ""}, {"c/b/Note.md", ""}, {"Unique.md", ""}, {"img/x.png", ""}};
  using vaultlink::shortest_link_target;
  CHECK(shortest_link_target(vault.index, "Unique.md") == "Unique");
  CHECK(shortest_link_target(vault.index, "Note.md") == "Note");        // exact path wins
  CHECK(shortest_link_target(vault.index, "a/b/Note.md") == "a/b/Note");
  CHECK(shortest_link_target(vault.index, "img/x.png") == "x.png");
  for (const char* path : {"Note.md", "a/b/Note.md", "c/b/Note.md", "Unique.md"}) {
    Resolution back = vault.resolve("elsewhere/from.md", shortest_link_target(vault.index, path));
    CHECK(back.path == path);
    CHECK_FALSE(back.ambiguous());
  }
}

TEST_CASE("join_vault_path never climbs above the root", "[resolve]") {
  using vaultlink::join_vault_path;
  CHECK(join_vault_path("a/b", "../c") == "a/c");
  CHECK(join_vault_path("a", "./b/./c") == "a/b/c");
  CHECK_FALSE(join_vault_path("a", "../../c").has_value());
  CHECK_FALSE(join_vault_path("", "..").has_value());
}
