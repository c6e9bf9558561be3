#include "vaultlink/change_coalescer.hpp"

#include <catch2/catch.hpp>

#include "change_text.hpp"

using vaultlink::ChangeCoalescer;
using vaultlink::test::text;

TEST_CASE("the net effect of events on one file", "[coalescer]") {
  ChangeCoalescer changes;
  SECTION("created then modified is created") {
    changes.created("a.md");
    changes.modified("a.md");
    CHECK(text(changes.net()) == "created a.md");
  }
  SECTION("created then removed is nothing") {
    changes.created("a.md");
    changes.modified("a.md");
    changes.removed("a.md");
    CHECK(changes.empty());
  }
  SECTION("removed then created is modified") {
    changes.removed("a.md");
    changes.created("a.md");
    CHECK(text(changes.net()) == "modified a.md");
  }
  SECTION("many modifications are one") {
    for (int i = 0; i < 5; ++i) changes.modified("a.md");
    CHECK(text(changes.net()) == "modified a.md");
  }
  SECTION("modified then removed is removed") {
    changes.modified("a.md");
    changes.removed("a.md");
    CHECK(text(changes.net()) == "removed a.md");
  }
}

TEST_CASE("renames in the net effect", "[coalescer]") {
  ChangeCoalescer changes;
  SECTION("a rename, then an edit of the new file") {
    changes.renamed("a.md", "b.md");
    changes.modified("b.md");
    CHECK(text(changes.net()) == "renamed b.md <- a.md; modified b.md");
  }
  SECTION("a chain of renames is one") {
    changes.renamed("a.md", "b.md");
    changes.renamed("b.md", "c.md");
    CHECK(text(changes.net()) == "renamed c.md <- a.md");
  }
  SECTION("renamed and renamed back is nothing") {
    changes.renamed("a.md", "b.md");
    changes.renamed("b.md", "a.md");
    CHECK(changes.empty());
  }
  SECTION("a new file renamed is created under its last name") {
    changes.created("tmp");
    changes.renamed("tmp", "a.md");
    CHECK(text(changes.net()) == "created a.md");
  }
  SECTION("a rename over an existing file removes the source and modifies the target") {
    changes.removed("b.md");
    changes.renamed("a.md", "b.md");
    CHECK(text(changes.net()) == "removed a.md; modified b.md");
  }
  SECTION("a temp file renamed over a note modifies the note") {
    changes.created("note.md.tmp");
    changes.removed("note.md");
    changes.renamed("note.md.tmp", "note.md");
    CHECK(text(changes.net()) == "modified note.md");
  }
  SECTION("a swap of two files is two modifications, not renames a consumer could misorder") {
    changes.renamed("a.md", "tmp");
    changes.renamed("b.md", "a.md");
    changes.renamed("tmp", "b.md");
    CHECK(text(changes.net()) == "modified a.md; modified b.md");
  }
  SECTION("a rename whose old name gets a new file: both are files to read") {
    changes.renamed("a.md", "b.md");
    changes.created("a.md");
    CHECK(text(changes.net()) == "created b.md; modified a.md");
  }
  SECTION("a renamed file then removed is removed under its first name") {
    changes.renamed("a.md", "b.md");
    changes.removed("b.md");
    CHECK(text(changes.net()) == "removed a.md");
  }
}

TEST_CASE("take starts afresh and replaying merges batches", "[coalescer]") {
  ChangeCoalescer first;
  first.created("a.md");
  first.renamed("old.md", "new.md");
  std::vector<vaultlink::FileChange> earlier = first.take();
  CHECK(first.empty());

  ChangeCoalescer later;
  later.removed("a.md");
  later.modified("new.md");
  later.created("c.md");

  ChangeCoalescer merged;
  for (const auto& change : earlier) merged.apply(change);
  for (const auto& change : later.take()) merged.apply(change);
  CHECK(text(merged.net()) == "renamed new.md <- old.md; created c.md; modified new.md");
}
