// parse_note_markers is the cheap parse a spliced note gets before it is
// written: it must see the backlinks section exactly where parse_note does
// (the next run's parse), or a section could be appended twice or a note
// refused for nothing. Compared on every note the tests and fuzzers keep.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/parse.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;

namespace {

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void require_same_section(const std::string& text, const std::string& what) {
  INFO(what);
  const SectionScan full = section_scan_of(parse_note("n.md", text), text);
  const SectionScan cheap = section_scan_of(parse_note_markers(text), text);
  REQUIRE(cheap.section.has_value() == full.section.has_value());
  if (full.section) {
    CHECK(cheap.section->begin == full.section->begin);
    CHECK(cheap.section->end == full.section->end);
  }
  REQUIRE(cheap.problem.has_value() == full.problem.has_value());
  if (full.problem) {
    CHECK(cheap.problem->message == full.problem->message);
    CHECK(cheap.problem->range.begin == full.problem->range.begin);
  }
}

const std::string kStart(kBacklinksStartMarker);
const std::string kEnd(kBacklinksEndMarker);

}  // namespace

TEST_CASE("the markers-only parse sees the section where the full parse does", "[parse][backlinks]") {
  const std::string section = kStart + "\n## Backlinks\n- [[A]]\n" + kEnd + "\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "# Note\n\ntext\n\n" + section},
      {"frontmatter", "---\naliases: [x]\n---\n# Note\n\n" + section},
      {"broken frontmatter", "---\naliases: [x\n---\n\n" + section},
      {"unclosed frontmatter", "---\naliases: [x]\n\n" + section},
      // Read as Markdown, this frontmatter would open an HTML comment that swallows the start marker.
      {"frontmatter that is not Markdown", "---\nnote: |\n  <!-- x\n---\n" + section},
      {"BOM and CRLF", "\xEF\xBB\xBF---\r\na: 1\r\n---\r\ntext\r\n\r\n" + section},
      {"in a list item", "- item\n\n  " + kStart + "\n  " + kEnd + "\n"},
      {"in a quote", "> " + kStart + "\n>\n> " + kEnd + "\n"},
      {"two start markers", section + section},
      {"end before start", kEnd + "\n\n" + kStart + "\n"},
      {"inside a fence", "```\n" + section + "```\n"},
      {"after an open HTML comment", "<!-- open\n\n" + section},
      {"after a table", "| a | b |\n|---|---|\n| 1 | 2 |\n" + section},
      {"lone CR line ends", "a\rb\r\r" + section},
  };
  for (const auto& [what, text] : cases) require_same_section(text, what);
}

TEST_CASE("the markers-only parse agrees on every kept corpus note and fixture", "[parse][backlinks]") {
  std::vector<fs::path> roots = {test::fixtures_dir(), test::fixtures_dir() / ".." / "fuzz" / "corpus",
                                 test::shared_dir() / "fixtures", test::examples_dir()};
  std::size_t compared = 0;
  for (const auto& root : roots) {
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.file_size() > (1u << 20)) continue;
      const std::string text = read_bytes(entry.path());
      require_same_section(text, entry.path().string());
      // The same note with a section appended, as the updater writes it.
      const SpliceResult spliced = splice_backlinks(text, {"## Backlinks", "- [[Source]]"});
      require_same_section(spliced.text, entry.path().string() + " + section");
      ++compared;
    }
  }
  CHECK(compared > 50);
}
