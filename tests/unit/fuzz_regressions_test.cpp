// Regression tests for what the fuzzers (tests/fuzz) found. Each crashing
// input is also kept in tests/fuzz/corpus/<target>/crash-*; here the same
// situation is written out so the reason stays readable.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/parse.hpp"

using vaultlink::parse_note;
using vaultlink::section_scan_of;
using vaultlink::splice_backlinks_verified;

namespace {

const std::vector<std::string> kBody = {"## Backlinks", "- [[Source note]]"};

vaultlink::SpliceResult splice_as_updater(const std::string& text, const std::vector<std::string>& body) {
  return splice_backlinks_verified(text, body, section_scan_of(parse_note("n.md", text), text));
}

}  // namespace

// backlinks_splice crash-new-section-unseen: a section appended to this note
// (unclosed frontmatter, a fence with control bytes, a CR LF line) was not
// found by the next run's parse, which then wanted to append another: every
// new section is now parsed again before it is written.
TEST_CASE("a new section is written only where the next run will find it", "[fuzz][backlinks]") {
  static const char kText[] = "---\naliases: [One, \"\x00""\x00""\x00""5\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""## Back\x80""inmg.png]] [t](<ad#h>) \x00""\x00""\x00""Two\"]\nvideoId: zFfSrTvge\x07""\x07""[[Pure-Markdown-Examples]].\n\nLink to [[pure-markdown-examples|pure markdown examples]].\n\nLink to [[pure-markdown-examples#Heading 1]].\n\nLink to [[pure-markdown-examples#Heading 1|pure markdown examples]].\n\nLhin a code block:\n[[pure-markdown-examples]]\n```\x01""t[[u\xff""\xff""\x06""u\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""clo\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\x07""\"00:15:2a | -[b\\|c]] |\n|---|---p:sed link\n\nRe \"[[Paren////////////////////////`[[code]]` $[[math] ^blk.\xc9""p[t](<a b.md///////s\neoId [One,{ \"Two\"]\nvid## Backlinvgeis\neo////////////////////////////////////////////////////////#h>) `[[code]]` $[[math] ^///////////////////////////es]]\n```\n\n.t]]\"b\n-lk--\x0d""\n\x01""\n# H\n\n\x01""";
  const std::string text(kText, sizeof kText - 1);  // it holds NUL bytes
  const auto once = splice_as_updater(text, kBody);
  if (once.problem) {
    CHECK(once.text == text);
  } else {
    const auto twice = splice_as_updater(once.text, kBody);
    CHECK_FALSE(twice.problem);
    CHECK(twice.text == once.text);
  }
}

// backlinks_splice crash-unclosed-html-comment-invalid-utf8: cmark keeps an
// HTML comment open until a line with "-->"; the start marker has one, so the
// parser swallowed the marker and then saw a lone end marker ("malformed") on
// every later run. Invalid UTF-8 inside a comment keeps cmark from seeing its
// "-->", which is how the fuzzer got there.
TEST_CASE("no section is appended to a note that ends inside an open HTML comment", "[fuzz][backlinks]") {
  for (std::string text : {std::string("Text\n\n<!-- TODO: finish\nmore\n"),
                           std::string("Text\n\n<!-- link x\x91\x8dy -->\nafter\n"), std::string("a\n<?php\n"),
                           std::string("<script>\nlet a;\n")}) {
    auto result = splice_as_updater(text, kBody);
    REQUIRE(result.problem);
    CHECK(result.problem->code == "backlinks-markers");
    CHECK(result.text == text);
  }
}

TEST_CASE("a closed HTML comment before the section still gets one, recognised on the next run", "[fuzz][backlinks]") {
  const std::string text = "Text\n\n<!-- a comment -->\nafter\n";
  auto once = splice_as_updater(text, kBody);
  REQUIRE_FALSE(once.problem);
  CHECK(once.text != text);
  auto twice = splice_as_updater(once.text, kBody);
  REQUIRE_FALSE(twice.problem);
  CHECK(twice.text == once.text);
  CHECK(splice_as_updater(once.text, {}).text == text);
}

TEST_CASE("a backlinksHeading that would open a code block is refused, not written", "[fuzz][backlinks]") {
  const std::string text = "Text\n";
  auto result = splice_as_updater(text, {"```", "- [[Source note]]"});
  REQUIRE(result.problem);
  CHECK(result.text == text);
}

// backlinks_splice crash-lone-cr-line-endings: cmark ends a line at a lone
// '\r' (old Mac line endings), the parser mapped its line numbers through
// '\n'-only lines, so every block after a lone '\r' got the wrong bytes and
// the generated section's markers were not found where they are.
TEST_CASE("blocks after a lone carriage return are located at their own bytes", "[fuzz][parse]") {
  const std::string text =
      "# Title\rintro [[A]]\n\n<!-- vaultlink:backlinks -->\n## Backlinks\n- [[S]]\n<!-- /vaultlink:backlinks -->\n";
  auto note = parse_note("n.md", text);
  CHECK(note.problems.empty());
  REQUIRE(note.generated);
  CHECK(text.substr(note.generated->range.begin, 28) == "<!-- vaultlink:backlinks -->");
  CHECK(note.generated->range.end == text.size());
  REQUIRE(note.headings.size() >= 1);
  CHECK(note.headings[0].text == "Title");
  CHECK(note.headings[0].line == 1);
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "A");

  auto twice = splice_as_updater(text, {"## Backlinks", "- [[S]]"});
  REQUIRE_FALSE(twice.problem);
  CHECK(twice.text == text);
}

TEST_CASE("headings separated by lone carriage returns keep their own text and line", "[fuzz][parse]") {
  auto note = parse_note("n.md", "# One\r## Two\r\ntext\n### Three\n");
  REQUIRE(note.headings.size() == 3);
  CHECK(note.headings[0].text == "One");
  CHECK(note.headings[1].text == "Two");
  CHECK(note.headings[2].text == "Three");
  CHECK(note.headings[0].line == 1);
  CHECK(note.headings[1].line == 1);  // a lone '\r' is no line break for editors' line numbers
  CHECK(note.headings[2].line == 3);
}
