// The link graph's sets of note paths: sorted, without repeats, whatever the
// order of inserts and erases a watch session makes.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/note_set.hpp"

using vaultlink::NoteSet;

namespace {
std::vector<std::string> contents(const NoteSet& set) { return {set.begin(), set.end()}; }
}  // namespace

TEST_CASE("inserts in path order, as a load makes them, append", "[note_set]") {
  NoteSet set;
  for (const char* path : {"A.md", "B.md", "C/D.md"}) set.insert(path);
  CHECK(contents(set) == std::vector<std::string>{"A.md", "B.md", "C/D.md"});
}

TEST_CASE("inserts out of order land in place, a repeat is ignored", "[note_set]") {
  NoteSet set;
  for (const char* path : {"M.md", "B.md", "Z.md", "B.md", "A.md", "M.md", "N.md"}) set.insert(path);
  CHECK(contents(set) == std::vector<std::string>{"A.md", "B.md", "M.md", "N.md", "Z.md"});
  CHECK(set.size() == 5);
  CHECK(set.contains("N.md"));
  CHECK_FALSE(set.contains("C.md"));
}

TEST_CASE("erase removes one path; erasing a missing one changes nothing", "[note_set]") {
  NoteSet set;
  for (const char* path : {"A.md", "B.md", "C.md"}) set.insert(path);
  set.erase("B.md");
  set.erase("Q.md");
  set.erase("");
  CHECK(contents(set) == std::vector<std::string>{"A.md", "C.md"});
  set.erase("A.md");
  set.erase("C.md");
  CHECK(set.empty());
}

TEST_CASE("a path equal in bytes is the same path, wherever it is stored", "[note_set]") {
  // The graph erases with a view of another copy of the path than it inserted.
  const std::string first = "Notes/X.md", second = "Notes/X.md";
  NoteSet set;
  set.insert(first);
  set.insert(second);
  CHECK(set.size() == 1);
  set.erase(std::string_view(second));
  CHECK(set.empty());
}
