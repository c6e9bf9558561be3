// The block-level half of parsing: code blocks, headings, block ids,
// frontmatter, generated-section markers, and bad input.
#include <catch2/catch.hpp>

#include <chrono>

#include "vaultlink/parse.hpp"

using vaultlink::LinkSyntax;
using vaultlink::Note;
using vaultlink::parse_note;

namespace {
std::vector<std::string> targets(const Note& note) {
  std::vector<std::string> out;
  for (const auto& link : note.links) out.push_back(link.target);
  return out;
}
}  // namespace

TEST_CASE("note: rule 7: fenced and indented code blocks hold no links", "[parse][rule7]") {
  Note note = parse_note("n.md",
                         "before [[A]]\n\n```\n[[InFence]]\n```\n\n~~~md\n[[InTilde]]\n~~~\n\n    [[Indented]]\n\nafter [[B]]\n");
  CHECK(targets(note) == std::vector<std::string>{"A", "B"});
}

TEST_CASE("note: rule 7: an unclosed fence runs to the end of the note", "[parse][rule7]") {
  Note note = parse_note("n.md", "[[A]]\n```\n[[B]]\n\n[[C]]\n");
  CHECK(targets(note) == std::vector<std::string>{"A"});
}

TEST_CASE("note: rule 7: a fence inside a list item or quote is code too", "[parse][rule7]") {
  Note note = parse_note("n.md", "- item\n  ```\n  [[InList]]\n  ```\n> ```\n> [[InQuote]]\n> ```\n- [[Real]]\n");
  CHECK(targets(note) == std::vector<std::string>{"Real"});
}

TEST_CASE("note: rule 7: inline code spans hold no links", "[parse][rule7]") {
  Note note = parse_note("n.md", "a `[[Code]]` and [[Real]] and ``[[Two `ticks`]]``\n");
  CHECK(targets(note) == std::vector<std::string>{"Real"});
}

TEST_CASE("note: rule 8: links inside %%comments%% are still links", "[parse][rule8]") {
  Note note = parse_note("n.md", "text %%hidden [[Commented]]%% more\n\n%%\nblock [[Block comment]]\n%%\n");
  CHECK(targets(note) == std::vector<std::string>{"Commented", "Block comment"});
}

TEST_CASE("note: rule 8: links inside $$math$$ are not links", "[parse][rule8]") {
  Note note = parse_note("n.md", "$$x = [[a]]$$ then [[Real]]\n");
  CHECK(targets(note) == std::vector<std::string>{"Real"});
}

TEST_CASE("note: rule 9: links written as frontmatter values are links", "[parse][rule9]") {
  Note note = parse_note("n.md", "---\nup: \"[[Parent]]\"\nrelated:\n  - \"[[One]]\"\n  - \"[[Two|shown]]\"\n---\nbody [[Body]]\n");
  REQUIRE(note.links.size() == 4);
  CHECK(note.links[0].target == "Parent");
  CHECK(note.links[0].syntax == LinkSyntax::frontmatter);
  CHECK(note.links[2].target == "Two");
  CHECK(note.links[3].syntax == LinkSyntax::wiki);
  CHECK(note.position_of(note.links[0].range.begin).line == 2);
}

TEST_CASE("note: frontmatter: aliases, videoId and duration are read", "[parse][frontmatter]") {
  Note note = parse_note("n.md", "---\ntitle: T\nvideoId: zFfSrTvgeis\nduration: 01:14:00\naliases:\n  - One\n  - Two\n---\n# H\n");
  CHECK(note.frontmatter.present);
  CHECK(note.frontmatter.error.empty());
  CHECK(note.frontmatter.video_id == "zFfSrTvgeis");
  CHECK(note.frontmatter.duration == "01:14:00");
  CHECK(note.frontmatter.aliases == std::vector<std::string>{"One", "Two"});
  REQUIRE(note.headings.size() == 1);
  CHECK(note.headings[0].line == 9);
}

TEST_CASE("note: frontmatter: broken YAML is a problem with its line, the body is still read", "[parse][frontmatter]") {
  Note note = parse_note("n.md", "---\ntitle: ok\nbad: [unclosed\n---\n[[Still read]]\n");
  CHECK_FALSE(note.frontmatter.error.empty());
  REQUIRE(note.problems.size() == 1);
  CHECK(note.problems[0].code == "frontmatter-invalid");
  CHECK(targets(note) == std::vector<std::string>{"Still read"});
}

TEST_CASE("note: frontmatter: deeply nested YAML is refused, not recursed into", "[parse][frontmatter]") {
  std::string yaml = "---\nx: " + std::string(100000, '[') + "\n---\nbody\n";
  Note note = parse_note("n.md", yaml);
  CHECK_FALSE(note.frontmatter.error.empty());
}

TEST_CASE("note: frontmatter: without a closing fence the note is all Markdown", "[parse][frontmatter]") {
  Note note = parse_note("n.md", "---\ntitle: x\n[[Link]]\n");
  CHECK_FALSE(note.frontmatter.present);
  CHECK(targets(note) == std::vector<std::string>{"Link"});
}

TEST_CASE("note: headings: levels, ATX closing hashes, setext, text as written", "[parse][headings]") {
  Note note = parse_note("n.md", "# One\n\n## Two ##\n\nSetext\n======\n\n### Minecraft: The Video Game\n> ## Quoted\n");
  REQUIRE(note.headings.size() == 5);
  CHECK(note.headings[0].text == "One");
  CHECK(note.headings[1].text == "Two");
  CHECK(note.headings[1].level == 2);
  CHECK(note.headings[2].text == "Setext");
  CHECK(note.headings[2].level == 1);
  CHECK(note.headings[3].text == "Minecraft: The Video Game");
  CHECK(note.headings[4].text == "Quoted");
}

TEST_CASE("note: headings: a setext heading ends at its underline, not on the next line", "[parse][headings]") {
  // cmark-gfm's source position runs on to the following line; its block id
  // was counted twice (a false duplicate-block-id) and so was its anchor.
  Note note = parse_note("n.md",
                         "---\nvideoId: abcdefghijk\n---\nTitle\n-----\n"
                         "said <a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a> [[Other]] ^para\n");
  REQUIRE(note.headings.size() == 1);
  CHECK(note.headings[0].text == "Title");
  REQUIRE(note.block_ids.size() == 1);
  CHECK(note.block_ids[0].id == "para");
  CHECK(note.headings[0].range.end <= note.block_ids[0].range.begin);
  CHECK(note.position_of(note.headings[0].range.end).line == 6);  // the paragraph's line begins past it
  CHECK(note.timestamps.size() == 1);
  CHECK(targets(note) == std::vector<std::string>{"Other"});
}

TEST_CASE("note: headings: setext text lines, without a quote's markers", "[parse][headings]") {
  Note quoted = parse_note("n.md", "> Two\n> lines\n> ---\n> para ^id\n");
  REQUIRE(quoted.headings.size() == 1);
  CHECK(quoted.headings[0].text == "Two lines");
  CHECK(quoted.block_ids.size() == 1);
  // "= = =" is not an underline (spaces inside), so it is part of the text.
  Note spaced = parse_note("n.md", "a\n= = =\nb\n---\n");
  REQUIRE(spaced.headings.size() == 1);
  CHECK(spaced.headings[0].text == "a = = = b");
  // The first line is text even when it looks like an underline.
  Note equals = parse_note("n.md", "===\n---\n");
  REQUIRE(equals.headings.size() == 1);
  CHECK(equals.headings[0].text == "===");
}

TEST_CASE("note: headings: a '#' line inside a code block is not a heading", "[parse][headings]") {
  Note note = parse_note("n.md", "```\n# not a heading\n```\n#nospace\n");
  CHECK(note.headings.empty());
}

TEST_CASE("note: sections: a heading's section ends at the next heading of the same or higher level", "[parse][headings]") {
  Note note = parse_note("n.md", "# A\n## B\ntext\n# C\n");
  REQUIRE(note.headings.size() == 3);
  CHECK(note.section_end(0) == note.headings[2].range.begin);
  CHECK(note.section_end(1) == note.headings[2].range.begin);
  CHECK(note.section_heading(note.headings[1].range.begin + 5) == 1u);
}

TEST_CASE("note: rule 18: block ids end paragraphs and list items", "[parse][rule18]") {
  Note note = parse_note("n.md", "A paragraph. ^para-1\n\n- item one ^item1\n- item two\n\nNot^anid here\n");
  REQUIRE(note.block_ids.size() == 2);
  CHECK(note.block_ids[0].id == "para-1");
  CHECK(note.block_ids[1].id == "item1");
}

TEST_CASE("note: rule 18: a block id alone on the line after a list, quote or table", "[parse][rule18]") {
  Note note = parse_note("n.md", "- a\n- b\n\n^list-id\n\n> quoted\n\n^quote-id\n\n| a | b |\n|---|---|\n| 1 | 2 |\n^table-id\n");
  std::vector<std::string> ids;
  for (const auto& block : note.block_ids) ids.push_back(block.id);
  CHECK(ids == std::vector<std::string>{"list-id", "quote-id", "table-id"});
}

TEST_CASE("note: rule 18: ids use Latin letters, digits and '-'", "[parse][rule18]") {
  Note note = parse_note("n.md", "text ^under_score\n\ntext ^ok-1\n");
  REQUIRE(note.block_ids.size() == 1);
  CHECK(note.block_ids[0].id == "ok-1");
}

TEST_CASE("note: rule 18: a block id inside a code block is not one", "[parse][rule18]") {
  Note note = parse_note("n.md", "```\ncode ^notid\n```\n");
  CHECK(note.block_ids.empty());
}

TEST_CASE("note: generated section: links inside the markers are not links", "[parse][markers]") {
  Note note = parse_note("n.md",
                         "[[Real]]\n\n<!-- vaultlink:backlinks -->\n## Backlinks\n- [[Generated]]\n"
                         "<a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a>\n<!-- /vaultlink:backlinks -->\n");
  CHECK(targets(note) == std::vector<std::string>{"Real"});
  CHECK(note.timestamps.empty());
  REQUIRE(note.generated.has_value());
  CHECK(note.problems.empty());
}

TEST_CASE("note: generated section: markers inside a code block are ignored", "[parse][markers]") {
  Note note = parse_note("n.md", "```\n<!-- vaultlink:backlinks -->\n```\n[[Real]]\n");
  CHECK_FALSE(note.generated.has_value());
  CHECK(note.problems.empty());
}

TEST_CASE("note: generated section: a start without an end, or two starts, is a problem", "[parse][markers]") {
  Note lone = parse_note("n.md", "text\n\n<!-- vaultlink:backlinks -->\n- [[X]]\n");
  CHECK_FALSE(lone.generated.has_value());
  REQUIRE(lone.problems.size() == 1);
  CHECK(lone.problems[0].code == "backlinks-markers");
  Note twice = parse_note("n.md", "<!-- vaultlink:backlinks -->\n\n<!-- vaultlink:backlinks -->\n\n<!-- /vaultlink:backlinks -->\n");
  CHECK_FALSE(twice.generated.has_value());
  CHECK(twice.problems.size() == 1);
}

TEST_CASE("note: bad input: CRLF line endings and a BOM", "[parse][bad-input]") {
  Note note = parse_note("n.md", "\xEF\xBB\xBF# Title\r\n\r\ntext [[Link]] ^id1\r\n");
  REQUIRE(note.headings.size() == 1);
  CHECK(note.headings[0].text == "Title");
  CHECK(targets(note) == std::vector<std::string>{"Link"});
  REQUIRE(note.block_ids.size() == 1);
  CHECK(note.block_ids[0].id == "id1");
  CHECK(note.position_of(note.links[0].range.begin).line == 3);
  CHECK(note.position_of(note.links[0].range.begin).column == 6);
}

TEST_CASE("note: bad input: a BOM before frontmatter", "[parse][bad-input]") {
  Note note = parse_note("n.md", "\xEF\xBB\xBF---\nvideoId: abcdefghijk\n---\n# T\n");
  CHECK(note.frontmatter.video_id == "abcdefghijk");
}

TEST_CASE("note: bad input: NUL bytes and invalid UTF-8 are problems, the note is still read", "[parse][bad-input]") {
  std::string text = "a [[One]]\n";
  text += std::string("nul \0 here\n", 11);
  text += "bad \xFF\xFE byte [[Two]]\n";
  Note note = parse_note("n.md", text);
  CHECK(targets(note) == std::vector<std::string>{"One", "Two"});
  REQUIRE(note.problems.size() == 2);
  CHECK(note.problems[0].code == "unreadable-file");
  CHECK(note.problems[1].code == "unreadable-file");
}

TEST_CASE("note: bad input: 10,000 '[' and 10,000 nested quotes finish quickly", "[parse][bad-input]") {
  auto started = std::chrono::steady_clock::now();
  Note brackets = parse_note("n.md", std::string(10000, '[') + "x" + std::string(10000, ']') + "\n");
  Note quotes = parse_note("n.md", std::string(10000, '>') + " [[Deep]]\n");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));  // generous: catches a hang
  CHECK(brackets.links.size() <= 1);
}

TEST_CASE("note: bad input: an empty note and a note without final newline", "[parse][bad-input]") {
  Note empty = parse_note("n.md", "");
  CHECK(empty.links.empty());
  Note tail = parse_note("n.md", "# H\nlast [[Link]]");
  CHECK(targets(tail) == std::vector<std::string>{"Link"});
}
