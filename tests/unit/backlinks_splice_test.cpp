#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/diagnostic.hpp"

using vaultlink::dominant_line_ending;
using vaultlink::find_backlinks_section;
using vaultlink::kBacklinksEndMarker;
using vaultlink::kBacklinksStartMarker;
using vaultlink::splice_backlinks;

namespace {

const std::vector<std::string> kBody = {"## Backlinks", "- [[Source]]", "  - [[Source#Intro]]"};
const std::vector<std::string> kOtherBody = {"## Backlinks", "- [[Another]]"};
const std::vector<std::string> kNone = {};

std::string start_marker() { return std::string(kBacklinksStartMarker); }
std::string end_marker() { return std::string(kBacklinksEndMarker); }

std::string splice(std::string_view text, const std::vector<std::string>& body) {
  auto result = splice_backlinks(text, body);
  REQUIRE_FALSE(result.problem);
  return result.text;
}

std::string with_nul() {
  static const char bytes[] = "nul \0 byte and \xff invalid utf8\n";
  return std::string(bytes, sizeof bytes - 1);
}

// The notes every property is checked on: the shapes users' files come in.
std::vector<std::string> sample_notes() {
  return {
      "",
      "\n",
      "one line, no final newline",
      "one line\n",
      "# Title\n\nText.\n",
      "# Title\r\n\r\nWindows text.\r\n",
      "# Title\r\n\r\nno final newline",
      "trailing spaces   \n\n\n",
      "ends with blank lines\n\n",
      "---\ntitle: x\n---\nbody\n",
      "mixed\r\nendings\nhere\n",
      "```\n" + start_marker() + "\n```\ncode above\n",
      "lone cr at the end\r",
      with_nul(),
  };
}

}  // namespace

TEST_CASE("a note without backlinks and without a section is never touched", "[backlinks][splice]") {
  for (const auto& note : sample_notes()) CHECK(splice(note, kNone) == note);
}

TEST_CASE("a section is appended after exactly one blank line", "[backlinks][splice]") {
  CHECK(splice("Text.\n", kBody) == "Text.\n\n" + start_marker() +
                                        "\n## Backlinks\n- [[Source]]\n  - [[Source#Intro]]\n" + end_marker() + "\n");
  CHECK(splice("", kBody) == start_marker() + "\n## Backlinks\n- [[Source]]\n  - [[Source#Intro]]\n" + end_marker() + "\n");
}

TEST_CASE("a note without a final newline keeps its text and gets a section without one", "[backlinks][splice]") {
  std::string note = "last line";
  std::string spliced = splice(note, kBody);
  CHECK(spliced.rfind("last line\n\n" + start_marker(), 0) == 0);
  CHECK(spliced.ends_with(end_marker()));
  CHECK(splice(spliced, kNone) == note);
}

TEST_CASE("CRLF notes get a CRLF section and no bare LF", "[backlinks][splice]") {
  std::string note = "# Title\r\n\r\nText.\r\n";
  std::string spliced = splice(note, kBody);
  CHECK(spliced.rfind(note, 0) == 0);
  for (std::size_t i = 0; i < spliced.size(); ++i)
    if (spliced[i] == '\n') CHECK(spliced[i - 1] == '\r');
  CHECK(dominant_line_ending(spliced) == "\r\n");
  CHECK(splice(spliced, kNone) == note);
}

TEST_CASE("splice is idempotent, keeps text outside the markers and add-then-remove restores the bytes",
          "[backlinks][splice]") {
  for (const auto& note : sample_notes()) {
    INFO("note: " << note);
    std::string once = splice(note, kBody);
    CHECK(splice(once, kBody) == once);
    CHECK(splice(once, kNone) == note);
    // Replacing the entries changes only what lies between the markers.
    std::string replaced = splice(once, kOtherBody);
    auto first = find_backlinks_section(once).section;
    auto second = find_backlinks_section(replaced).section;
    REQUIRE(first);
    REQUIRE(second);
    CHECK(once.substr(0, first->begin) == replaced.substr(0, second->begin));
    CHECK(once.substr(first->end) == replaced.substr(second->end));
    CHECK(splice(replaced, kNone) == note);
  }
}

TEST_CASE("splice properties hold on random notes", "[backlinks][splice]") {
  std::mt19937 random(20261128);
  const std::vector<std::string> pieces = {"text", "  ", "[[Link]]", "# Heading", "```", "~~~", "    indented",
                                           start_marker(), end_marker(), "---", "\t", "é", "- item"};
  for (int round = 0; round < 400; ++round) {
    std::string note;
    int lines = static_cast<int>(random() % 8);
    for (int i = 0; i < lines; ++i) {
      note += pieces[random() % pieces.size()];
      if (random() % 3 == 0) note += pieces[random() % pieces.size()];
      note += random() % 2 ? "\n" : "\r\n";
    }
    if (random() % 2 && !note.empty()) note.pop_back();  // sometimes no final newline (or a lone CR)
    INFO("note: " << note);
    auto first = splice_backlinks(note, kBody);
    if (first.problem) {
      CHECK(first.text == note);  // malformed markers: left alone
      continue;
    }
    CHECK(splice(first.text, kBody) == first.text);
    auto removed = splice(first.text, kNone);
    if (!find_backlinks_section(note).section) CHECK(removed == note);
    CHECK(splice(removed, kNone) == removed);
  }
}

TEST_CASE("an existing section in the middle is replaced in place", "[backlinks][splice]") {
  std::string note = "before\n" + start_marker() + "\nold entry\n" + end_marker() + "\nafter \n";
  CHECK(splice(note, kOtherBody) ==
        "before\n" + start_marker() + "\n## Backlinks\n- [[Another]]\n" + end_marker() + "\nafter \n");
  CHECK(splice(note, kNone) == "before\nafter \n");
}

TEST_CASE("markers may carry surrounding spaces but not four spaces of indentation", "[backlinks][splice]") {
  std::string note = "x\n   " + start_marker() + "  \nold\n" + end_marker() + "\n";
  auto scan = find_backlinks_section(note);
  REQUIRE(scan.section);
  CHECK(scan.section->begin == 2);
  CHECK(scan.section->end == note.size());

  std::string indented = "x\n\n    " + start_marker() + "\n    " + end_marker() + "\n";
  CHECK_FALSE(find_backlinks_section(indented).section);
  CHECK_FALSE(find_backlinks_section(indented).problem);
}

TEST_CASE("markers inside code blocks and frontmatter are ignored", "[backlinks][splice]") {
  std::string fenced = "```md\n" + start_marker() + "\n```\n~~~\n" + end_marker() + "\n~~~~\n";
  auto scan = find_backlinks_section(fenced);
  CHECK_FALSE(scan.section);
  CHECK_FALSE(scan.problem);
  std::string spliced = splice(fenced, kBody);
  CHECK(spliced.rfind(fenced, 0) == 0);  // the code blocks are untouched, the section appended
  CHECK(splice(spliced, kNone) == fenced);

  std::string unclosed_fence = "````\n" + start_marker() + "\n```\nstill code\n";
  CHECK_FALSE(find_backlinks_section(unclosed_fence).problem);
  CHECK(find_backlinks_section(unclosed_fence).ends_in_code);
  // A section appended there would be code too, and appended again on every
  // run: it is refused instead.
  auto refused = splice_backlinks(unclosed_fence, kBody);
  REQUIRE(refused.problem);
  CHECK(refused.text == unclosed_fence);

  std::string frontmatter = "---\nnote: " + start_marker() + "\n---\nbody\n";
  CHECK_FALSE(find_backlinks_section(frontmatter).problem);
}

TEST_CASE("malformed markers are reported and the note is left alone", "[backlinks][splice]") {
  struct Case {
    std::string text;
    std::uint32_t marker_offset;
  };
  std::string s = start_marker(), e = end_marker();
  std::vector<Case> cases = {
      {"a\n" + s + "\nentries\n", 2},                              // start without end
      {"a\n" + s + "\n" + s + "\n" + e + "\n", 3 + static_cast<std::uint32_t>(s.size())},  // two starts
      {"a\n" + e + "\n", 2},                                       // end without start
      {s + "\n" + e + "\n" + s + "\n" + e + "\n",
       static_cast<std::uint32_t>(s.size() + e.size() + 2)},  // two sections
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto result = splice_backlinks(c.text, kBody);
    REQUIRE(result.problem);
    CHECK(result.problem->code == vaultlink::code::backlinks_markers);
    CHECK(result.problem->range.begin == c.marker_offset);
    CHECK(result.text == c.text);
    CHECK(splice_backlinks(c.text, kNone).text == c.text);
  }
}

TEST_CASE("line breaks inside rendered lines cannot split the section", "[backlinks][splice]") {
  std::string spliced = splice("x\n", {"## Back\nlinks", "- [[A]]"});
  CHECK(spliced.find("## Back links\n") != std::string::npos);
  CHECK(splice(spliced, kNone) == "x\n");
}
