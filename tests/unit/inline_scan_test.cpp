#include "vaultlink/inline_scan.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/text.hpp"

using namespace std::string_literals;
using vaultlink::ByteRange;
using vaultlink::Link;
using vaultlink::LinkSyntax;
using vaultlink::TimestampAnchor;

namespace {

ByteRange whole(std::string_view text) { return {0, static_cast<std::uint32_t>(text.size())}; }

std::string_view slice(std::string_view text, ByteRange range) {
  return text.substr(range.begin, range.end - range.begin);
}

std::vector<ByteRange> code_and_math(std::string_view text, ByteRange block) {
  std::vector<ByteRange> out;
  vaultlink::find_inline_code_and_math(text, block, out);
  return out;
}

std::vector<std::string> code_and_math_texts(std::string_view text) {
  std::vector<std::string> texts;
  for (const ByteRange& range : code_and_math(text, whole(text))) texts.emplace_back(slice(text, range));
  return texts;
}

// The way parse.cpp uses the scanners: code and math first, then links
// outside them.
std::vector<Link> wikilinks_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<Link> links;
  vaultlink::find_wikilinks(text, block, code, links);
  return links;
}
std::vector<Link> wikilinks_in(std::string_view text) { return wikilinks_in(text, whole(text)); }

std::vector<Link> markdown_links_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<Link> links;
  vaultlink::find_markdown_links(text, block, code, links);
  return links;
}
std::vector<Link> markdown_links_in(std::string_view text) { return markdown_links_in(text, whole(text)); }

std::vector<TimestampAnchor> anchors_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<TimestampAnchor> anchors;
  vaultlink::find_timestamp_anchors(text, block, code, anchors);
  return anchors;
}
std::vector<TimestampAnchor> anchors_in(std::string_view text) { return anchors_in(text, whole(text)); }

std::vector<std::string> targets(const std::vector<Link>& links) {
  std::vector<std::string> out;
  for (const Link& link : links) out.push_back(link.target);
  return out;
}

Link parse_inner(std::string_view inner) {
  Link link;
  vaultlink::parse_wikilink_inner(inner, link);
  return link;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

// A quadratic scan over these inputs takes minutes; a linear one milliseconds.
// Processor time rather than wall time, and a generous bound, so that a
// sanitizer build on a busy shared machine still passes.
template <typename Work>
void check_fast(Work work) {
  const std::clock_t start = std::clock();
  work();
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(seconds < 2.0);
}

}  // namespace

// ------------------------------------------------------------ 1. wikilinks

TEST_CASE("rule 1: a wikilink has target, subpath and display, an embed adds '!'", "[inline][rule1]") {
  const std::string text = "See [[Target#Part|Shown]] and ![[image.png]].";
  const auto links = wikilinks_in(text);
  REQUIRE(links.size() == 2);
  CHECK(links[0].syntax == LinkSyntax::wiki);
  CHECK_FALSE(links[0].embed);
  CHECK(links[0].target == "Target");
  CHECK(links[0].has_subpath);
  CHECK(links[0].subpath == "Part");
  CHECK(links[0].has_display);
  CHECK(links[0].display == "Shown");
  CHECK(links[0].malformed.empty());
  CHECK(slice(text, links[0].range) == "[[Target#Part|Shown]]");
  CHECK(links[1].embed);
  CHECK(links[1].target == "image.png");
  CHECK_FALSE(links[1].has_subpath);
  CHECK_FALSE(links[1].has_display);
  CHECK(slice(text, links[1].range) == "![[image.png]]");
}

TEST_CASE("rule 1: offsets are absolute in the note and the block is recorded", "[inline][rule1]") {
  const std::string text = "# Title\n\nFirst [[A]] para.\n\nSecond ![[B]] para.\n";
  const auto second_begin = static_cast<std::uint32_t>(text.find("Second"));
  const ByteRange block{second_begin, static_cast<std::uint32_t>(text.size() - 1)};
  const auto links = wikilinks_in(text, block);
  REQUIRE(links.size() == 1);  // [[A]] lies outside the block
  CHECK(links[0].target == "B");
  CHECK(links[0].range.begin == text.find("![[B]]"));
  CHECK(links[0].range.end == text.find("![[B]]") + 6);
  CHECK(links[0].block == block);
}

TEST_CASE("rule 1: an escaped '!' does not make an embed", "[inline][rule1]") {
  const std::string text = "\\![[Note]]";
  const auto links = wikilinks_in(text);
  REQUIRE(links.size() == 1);
  CHECK_FALSE(links[0].embed);
  CHECK(slice(text, links[0].range) == "[[Note]]");
}

TEST_CASE("rule 2: the subpath starts at the first '#', headings may chain", "[inline][rule2]") {
  const auto chained = parse_inner("Note#H1#H2");
  CHECK(chained.target == "Note");
  CHECK(chained.subpath == "H1#H2");
  const auto block = parse_inner("Note#^block-id");
  CHECK(block.target == "Note");
  CHECK(block.subpath == "^block-id");
  CHECK(block.malformed.empty());
  const auto links = wikilinks_in("[[Note#Section one]]");
  REQUIRE(links.size() == 1);
  CHECK(links[0].subpath == "Section one");
}

TEST_CASE("rule 2: a trailing '#' with nothing after it is no subpath", "[inline][rule2]") {
  const auto link = parse_inner("Note#");
  CHECK(link.target == "Note");
  CHECK_FALSE(link.has_subpath);
  CHECK(link.malformed.empty());
}

TEST_CASE("rule 3: display follows the first '|'", "[inline][rule3]") {
  const auto link = parse_inner("Note#Heading|the shown text");
  CHECK(link.target == "Note");
  CHECK(link.subpath == "Heading");
  CHECK(link.display == "the shown text");
  const auto pipes = parse_inner("Note|a|b");
  CHECK(pipes.target == "Note");
  CHECK(pipes.display == "a|b");
  const auto hash_in_display = parse_inner("Note|C# tips");
  CHECK(hash_in_display.target == "Note");
  CHECK_FALSE(hash_in_display.has_subpath);
  CHECK(hash_in_display.display == "C# tips");
}

TEST_CASE("rule 3: in a table cell the escaped pipe still splits", "[inline][rule3]") {
  const std::string table = "| Page | Link |\n|---|---|\n| one | [[Note\\|shown]] |\n";
  const auto links = wikilinks_in(table);
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "Note");
  CHECK(links[0].display == "shown");
  CHECK(slice(table, links[0].range) == "[[Note\\|shown]]");
  const auto with_heading = parse_inner("Note#Part \\| shown");
  CHECK(with_heading.subpath == "Part");
  CHECK(with_heading.display == "shown");
}

TEST_CASE("rule 4: only the double closing bracket ends a link", "[inline][rule4]") {
  const auto links = wikilinks_in("[[Sq]uare]] and [[a]b]c]]");
  CHECK(targets(links) == std::vector<std::string>{"Sq]uare", "a]b]c"});
}

TEST_CASE("rule 4: a line break before the closing brackets means no link", "[inline][rule4]") {
  CHECK(wikilinks_in("[[Note\n]]").empty());
  CHECK(wikilinks_in("[[Split\nNote]] later").empty());
  CHECK(wikilinks_in("[[Note\r\n]]").empty());
  CHECK(wikilinks_in("[[Note\r]]").empty());
  // The next line can still hold its own link.
  CHECK(targets(wikilinks_in("[[Broken\r\nthen [[Good]]")) == std::vector<std::string>{"Good"});
}

TEST_CASE("rule 4: with nested openers only the inner link counts", "[inline][rule4]") {
  const std::string text = "[[a [[b]] c]]";
  const auto links = wikilinks_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "b");
  CHECK(slice(text, links[0].range) == "[[b]]");
  CHECK(targets(wikilinks_in("[[[x]]")) == std::vector<std::string>{"x"});
}

TEST_CASE("rule 4: an escaped opener opens nothing", "[inline][rule4]") {
  CHECK(wikilinks_in("\\[[Not a link]]").empty());
  // An escaped backslash leaves the opener intact.
  CHECK(targets(wikilinks_in("\\\\[[Real]]")) == std::vector<std::string>{"Real"});
  // The escape hides only the first opener, not a later one on the line.
  CHECK(targets(wikilinks_in("\\[[x [[y]]")) == std::vector<std::string>{"y"});
}

TEST_CASE("rule 5: spaces around target, subpath and display are trimmed", "[inline][rule5]") {
  const auto links = wikilinks_in("[[ Note | shown ]] [[ Other # Part ]]");
  REQUIRE(links.size() == 2);
  CHECK(links[0].target == "Note");
  CHECK(links[0].display == "shown");
  CHECK(links[1].target == "Other");
  CHECK(links[1].subpath == "Part");
}

TEST_CASE("rule 5: the seed notes' slug-pipe-text form", "[inline][rule5]") {
  const auto links =
      wikilinks_in("of [[leadership_and_teamwork_in_public_administration | leadership]] and more");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "leadership_and_teamwork_in_public_administration");
  CHECK(links[0].display == "leadership");
}

TEST_CASE("rule 6: an empty target with a subpath is this note", "[inline][rule6]") {
  const auto heading = parse_inner("#Heading");
  CHECK(heading.target.empty());
  CHECK(heading.subpath == "Heading");
  CHECK(heading.malformed.empty());
  const auto block = parse_inner("#^id");
  CHECK(block.target.empty());
  CHECK(block.subpath == "^id");
  CHECK(block.malformed.empty());
  const auto displayed = parse_inner("#Heading|see below");
  CHECK(displayed.malformed.empty());
  CHECK(displayed.display == "see below");
}

TEST_CASE("rule 6: empty, target-less and bare-hash links are malformed and still reported", "[inline][rule6]") {
  for (const char* inner : {"", " ", "|x", "#", "#^", " # ", "#|x"}) {
    INFO("[[" << inner << "]]");
    CHECK_FALSE(parse_inner(inner).malformed.empty());
  }
  const auto links = wikilinks_in("a [[]] b [[|x]] c [[#]]");
  REQUIRE(links.size() == 3);
  for (const Link& link : links) CHECK_FALSE(link.malformed.empty());
}

TEST_CASE("rule 6: parsing resets fields of a reused Link", "[inline][rule6]") {
  Link link;
  vaultlink::parse_wikilink_inner("Old#Part|Shown", link);
  vaultlink::parse_wikilink_inner("New", link);
  CHECK(link.target == "New");
  CHECK_FALSE(link.has_subpath);
  CHECK(link.subpath.empty());
  CHECK_FALSE(link.has_display);
  CHECK(link.display.empty());
  vaultlink::parse_wikilink_inner("", link);
  CHECK_FALSE(link.malformed.empty());
  vaultlink::parse_wikilink_inner("Fine", link);
  CHECK(link.malformed.empty());
}

TEST_CASE("rule 15: a URL in a wikilink is an ordinary target", "[inline][rule15]") {
  const auto links = wikilinks_in("[[https://example.com]]");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "https://example.com");
  CHECK(links[0].malformed.empty());
}

TEST_CASE("rule 19: embed sizes and pages are display and subpath", "[inline][rule19]") {
  const auto links = wikilinks_in("![[image.png|300x200]] ![[doc.pdf#page=3]]");
  REQUIRE(links.size() == 2);
  CHECK(links[0].embed);
  CHECK(links[0].target == "image.png");
  CHECK(links[0].display == "300x200");
  CHECK(links[1].target == "doc.pdf");
  CHECK(links[1].subpath == "page=3");
}

// ----------------------------------------------- 2. where links are not links

TEST_CASE("rule 7: code spans are found with their delimiters", "[inline][rule7]") {
  CHECK(code_and_math_texts("a `x` b ``y ` z`` c") == std::vector<std::string>{"`x`", "``y ` z``"});
  // A run closes only at a run of exactly the same length.
  CHECK(code_and_math_texts("``a```b``") == std::vector<std::string>{"``a```b``"});
  // Unmatched runs are literal text.
  CHECK(code_and_math_texts("``` only `` open").empty());
  CHECK(code_and_math_texts("`").empty());
  // A code span may continue on the next line of its paragraph.
  CHECK(code_and_math_texts("a `multi\nline` b") == std::vector<std::string>{"`multi\nline`"});
}

TEST_CASE("rule 7: backslashes escape an opening backtick but not inside a span", "[inline][rule7]") {
  CHECK(code_and_math_texts("\\`not code`").empty());
  CHECK(code_and_math_texts("\\``code`") == std::vector<std::string>{"`code`"});
  CHECK(code_and_math_texts("`a\\`b`") == std::vector<std::string>{"`a\\`"});
  CHECK(code_and_math_texts("\\\\`code`") == std::vector<std::string>{"`code`"});
}

TEST_CASE("rule 7: wikilinks inside code spans are not links", "[inline][rule7]") {
  CHECK(wikilinks_in("`[[Not]]`").empty());
  CHECK(wikilinks_in("`` a ` [[Not]] ``").empty());
  CHECK(targets(wikilinks_in("`code` [[Yes]] `more`")) == std::vector<std::string>{"Yes"});
  // An unmatched backtick does not hide the link after it.
  CHECK(targets(wikilinks_in("``[[Yes]]`")) == std::vector<std::string>{"Yes"});
  // A backslash does not escape inside a span: the span ends early.
  CHECK(targets(wikilinks_in("`a\\`[[Yes]]`")) == std::vector<std::string>{"Yes"});
  // An opener inside a span cannot pair with a closer after it.
  CHECK(wikilinks_in("`[[` x ]]").empty());
}

TEST_CASE("rule 7: Markdown links and anchors inside code spans are ignored", "[inline][rule7]") {
  CHECK(markdown_links_in("`[a](Note.md)`").empty());
  CHECK(anchors_in("`<a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a>`").empty());
}

TEST_CASE("rule 8: links inside %%comments%% are still links", "[inline][rule8]") {
  CHECK(targets(wikilinks_in("%%hidden [[Still a link]]%%")) == std::vector<std::string>{"Still a link"});
  CHECK(targets(wikilinks_in("%%\n[[Multi]]\n%%")) == std::vector<std::string>{"Multi"});
}

TEST_CASE("rule 8: $$math$$ is found, may span lines, and hides links", "[inline][rule8]") {
  CHECK(code_and_math_texts("a $$x^2$$ b") == std::vector<std::string>{"$$x^2$$"});
  CHECK(code_and_math_texts("$$\n\\int [[f]]\n$$") == std::vector<std::string>{"$$\n\\int [[f]]\n$$"});
  CHECK(wikilinks_in("$$ [[Not]] $$").empty());
  CHECK(wikilinks_in("$$\n[[Not]]\n$$").empty());
  // An unclosed $$ is text.
  CHECK(targets(wikilinks_in("$$ [[Yes]]")) == std::vector<std::string>{"Yes"});
}

TEST_CASE("rule 8: inline $math$ follows the dollar rules", "[inline][rule8]") {
  CHECK(code_and_math_texts("so $x+y$ is") == std::vector<std::string>{"$x+y$"});
  CHECK(code_and_math_texts("$a$") == std::vector<std::string>{"$a$"});
  CHECK(code_and_math_texts("$5 and $10").empty());
  CHECK(code_and_math_texts("costs $ 5 and 6$").empty());   // opener followed by space
  CHECK(code_and_math_texts("$a $ b").empty());             // closer preceded by space
  CHECK(code_and_math_texts("$x$5 then $y$") == std::vector<std::string>{"$x$5 then $y$"});
  CHECK(code_and_math_texts("\\$x$").empty());              // escaped opener
  CHECK(code_and_math_texts("$x\\$ y$") == std::vector<std::string>{"$x\\$ y$"});  // escaped closer
  CHECK(wikilinks_in("$[[Not]]$").empty());
  CHECK(targets(wikilinks_in("$5 and [[Yes]] and $10")) == std::vector<std::string>{"Yes"});
}

TEST_CASE("rule 8: code and math come out in order without overlap", "[inline][rule8]") {
  const std::string text = "`a` $b$ $$c$$ `$d$` $`e`$";
  const auto ranges = code_and_math(text, whole(text));
  std::vector<std::string> texts;
  for (const ByteRange& range : ranges) texts.emplace_back(slice(text, range));
  CHECK(texts == std::vector<std::string>{"`a`", "$b$", "$$c$$", "`$d$`", "$`e`$"});
  for (std::size_t i = 1; i < ranges.size(); ++i) CHECK(ranges[i - 1].end <= ranges[i].begin);
}

TEST_CASE("rule 8: code and math offsets are absolute and stay in the block", "[inline][rule8]") {
  const std::string text = "`outside` then `inside` $x$ `open";
  const auto begin = static_cast<std::uint32_t>(text.find("then"));
  const auto ranges = code_and_math(text, {begin, static_cast<std::uint32_t>(text.size())});
  REQUIRE(ranges.size() == 2);
  CHECK(ranges[0].begin == text.find("`inside`"));
  CHECK(slice(text, ranges[1]) == "$x$");
  // The closing backtick lies beyond the block: no span.
  const std::string cut = "a `b` c";
  CHECK(code_and_math(cut, {0, 4}).empty());
}

// ----------------------------------------------------- 6. Markdown links

TEST_CASE("rule 21: Markdown links are percent-decoded and split at '#'", "[inline][rule21]") {
  const std::string text = "Read [the text](My%20Note.md#Some%20Heading) now.";
  const auto links = markdown_links_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].syntax == LinkSyntax::markdown);
  CHECK_FALSE(links[0].embed);
  CHECK(links[0].target == "My Note.md");
  CHECK(links[0].has_subpath);
  CHECK(links[0].subpath == "Some Heading");
  CHECK(links[0].display == "the text");
  CHECK(links[0].has_display);
  CHECK(slice(text, links[0].range) == "[the text](My%20Note.md#Some%20Heading)");
  CHECK(links[0].block == whole(text));
}

TEST_CASE("rule 21: an encoded '#' stays in the name", "[inline][rule21]") {
  const auto links = markdown_links_in("[a](C%23%20tips.md#Part)");
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "C# tips.md");
  CHECK(links[0].subpath == "Part");
}

TEST_CASE("rule 21: <angle brackets> allow spaces in the destination", "[inline][rule21]") {
  const auto links = markdown_links_in("[text](<My Note.md>) and [b](<Other file.md#Sub head> \"title\")");
  REQUIRE(links.size() == 2);
  CHECK(links[0].target == "My Note.md");
  CHECK(links[1].target == "Other file.md");
  CHECK(links[1].subpath == "Sub head");
}

TEST_CASE("rule 21: a bare space inside (...) means no link", "[inline][rule21]") {
  CHECK(markdown_links_in("[a](My Note.md)").empty());
  CHECK(markdown_links_in("[a](My Note.md \"title\" extra)").empty());
}

TEST_CASE("rule 21: titles in any of the three forms are allowed", "[inline][rule21]") {
  const auto links =
      markdown_links_in("[a](One.md \"t 1\") [b](Two.md 't 2') [c](Three.md (t 3)) [d](Four.md\n  \"t\"  )");
  CHECK(targets(links) == std::vector<std::string>{"One.md", "Two.md", "Three.md", "Four.md"});
  CHECK(markdown_links_in("[a](One.md \"unclosed)").empty());
}

TEST_CASE("rule 21: URLs with a scheme are external and skipped", "[inline][rule21]") {
  CHECK(markdown_links_in("[a](https://example.com/x) [b](mailto:me@example.com) "
                          "[c](obsidian://open?vault=v) [d](<https://example.com/a b>)")
            .empty());
  CHECK(targets(markdown_links_in("[w](https://x.org) [n](Note.md)")) == std::vector<std::string>{"Note.md"});
}

TEST_CASE("rule 21: images are embeds", "[inline][rule21]") {
  const std::string text = "![alt text](pics/photo%201.png)";
  const auto links = markdown_links_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].embed);
  CHECK(links[0].target == "pics/photo 1.png");
  CHECK(links[0].display == "alt text");
  CHECK(links[0].range == whole(text));
}

TEST_CASE("rule 21: balanced parentheses belong to the destination", "[inline][rule21]") {
  const std::string text = "[a](Note(draft).md) (aside)";
  const auto links = markdown_links_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "Note(draft).md");
  CHECK(slice(text, links[0].range) == "[a](Note(draft).md)");
  CHECK(markdown_links_in("[a](Note(draft.md)").empty());
  CHECK(targets(markdown_links_in("[a](Note\\(draft.md)")) == std::vector<std::string>{"Note(draft.md"});
}

TEST_CASE("rule 21: a same-note heading link has an empty target", "[inline][rule21]") {
  const auto links = markdown_links_in("[x](#Heading%20Two) [y](#^block)");
  REQUIRE(links.size() == 2);
  CHECK(links[0].target.empty());
  CHECK(links[0].subpath == "Heading Two");
  CHECK(links[1].subpath == "^block");
}

TEST_CASE("rule 21: empty destinations are not links", "[inline][rule21]") {
  CHECK(markdown_links_in("[x]() [y](<>) [z](#) [w]( )").empty());
}

TEST_CASE("rule 21: escapes, wikilinks and references are not Markdown links", "[inline][rule21]") {
  CHECK(markdown_links_in("\\[a](Note.md)").empty());
  CHECK(markdown_links_in("[a\\](Note.md)").empty());
  CHECK(markdown_links_in("[[a]](Note.md)").empty());
  CHECK(markdown_links_in("[a][ref] and [b] (Note.md)").empty());
  CHECK(targets(markdown_links_in("[a](My\\_Note.md)")) == std::vector<std::string>{"My_Note.md"});
}

TEST_CASE("rule 21: link text may hold brackets, links do not nest", "[inline][rule21]") {
  const std::string text = "[see [1] here](Note.md)";
  const auto links = markdown_links_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].display == "see [1] here");
  CHECK(links[0].range == whole(text));
  // CommonMark: the inner link wins; the outer brackets are text.
  CHECK(targets(markdown_links_in("[a [b](Inner.md)](Outer.md)")) == std::vector<std::string>{"Inner.md"});
  // An image may contain a link; results stay in document order.
  CHECK(targets(markdown_links_in("![a [b](Inner.md)](Outer.png)")) ==
        std::vector<std::string>{"Outer.png", "Inner.md"});
  // A wikilink inside link text is opaque.
  const auto around = markdown_links_in("[see [[W]] too](Note.md)");
  REQUIRE(around.size() == 1);
  CHECK(around[0].display == "see [[W]] too");
}

TEST_CASE("rule 21: a destination never reaches past the block", "[inline][rule21]") {
  const std::string text = "[a](Note.md) tail";
  CHECK(markdown_links_in(text, {0, 8}).empty());
  CHECK(markdown_links_in(text, {0, 12}).size() == 1);
}

// ------------------------------------------------ 7. timestamp anchors

TEST_CASE("rules 22-23: a timestamp anchor yields data-t, label and range", "[inline][rule22][rule23]") {
  const std::string text = "point <a class=\"yt-timestamp\" data-t=\"00:15:21\">[00:15:21]</a>.";
  const auto anchors = anchors_in(text);
  REQUIRE(anchors.size() == 1);
  CHECK(anchors[0].data_t == "00:15:21");
  CHECK(anchors[0].has_label);
  CHECK(anchors[0].label == "00:15:21");
  CHECK(slice(text, anchors[0].range) == "<a class=\"yt-timestamp\" data-t=\"00:15:21\">[00:15:21]</a>");
}

TEST_CASE("rules 22-23: data-t and label are taken as written", "[inline][rule22][rule23]") {
  const auto anchors = anchors_in("<a class=\"yt-timestamp\" data-t=\"15:21\">[00:15:21]</a>");
  REQUIRE(anchors.size() == 1);
  CHECK(anchors[0].data_t == "15:21");
  CHECK(anchors[0].label == "00:15:21");
}

TEST_CASE("rule 22: attributes in any order, either quotes, extra attributes", "[inline][rule22]") {
  const std::string text =
      "<a data-t='00:01:02' class='yt-timestamp'>[00:01:02]</a>\n"
      "<a href=\"#\" target=_blank class=\"note yt-timestamp big\" title=\"x > y\" data-t=\"00:00:03\">[00:00:03]</a>\n"
      "<A CLASS=\"yt-timestamp\" DATA-T=\"01:00:00\">[01:00:00]</A >\n"
      "<a\n  class = \"yt-timestamp\"\n  data-t = \"00:00:04\"\n>[00:00:04]</a>";
  const auto anchors = anchors_in(text);
  REQUIRE(anchors.size() == 4);
  CHECK(anchors[0].data_t == "00:01:02");
  CHECK(anchors[1].data_t == "00:00:03");
  CHECK(anchors[2].data_t == "01:00:00");
  CHECK(slice(text, anchors[2].range) == "<A CLASS=\"yt-timestamp\" DATA-T=\"01:00:00\">[01:00:00]</A >");
  CHECK(anchors[3].data_t == "00:00:04");
  CHECK(anchors[3].label == "00:00:04");
}

TEST_CASE("rule 22: other anchors are not timestamps", "[inline][rule22]") {
  CHECK(anchors_in("<a href=\"x\">[00:00:01]</a>").empty());
  CHECK(anchors_in("<a class=\"yt-timestamps\" data-t=\"00:00:01\">[00:00:01]</a>").empty());
  CHECK(anchors_in("<abbr class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</abbr>").empty());
  CHECK(anchors_in("<a class=\"yt-timestamp\" data-t=\"00:00:01\"/>").empty());
  CHECK(anchors_in("<a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]").empty());  // never closed
}

TEST_CASE("rule 22: an anchor without data-t is still reported", "[inline][rule22]") {
  const auto anchors = anchors_in("<a class=\"yt-timestamp\">[00:00:01]</a>");
  REQUIRE(anchors.size() == 1);
  CHECK(anchors[0].data_t.empty());
  CHECK(anchors[0].label == "00:00:01");
}

TEST_CASE("rule 23: a label that is not bracketed has no label", "[inline][rule23]") {
  const auto anchors = anchors_in(
      "<a class=\"yt-timestamp\" data-t=\"00:00:01\">00:00:01</a> "
      "<a class=\"yt-timestamp\" data-t=\"00:00:02\">[]</a> "
      "<a class=\"yt-timestamp\" data-t=\"00:00:03\"> [00:00:03] </a>");
  REQUIRE(anchors.size() == 3);
  CHECK_FALSE(anchors[0].has_label);
  CHECK(anchors[1].has_label);
  CHECK(anchors[1].label.empty());
  CHECK(anchors[2].has_label);
  CHECK(anchors[2].label == "00:00:03");
}

TEST_CASE("rule 26: anchors out of order are all reported in text order", "[inline][rule26]") {
  const auto anchors = anchors_in(
      "<a class=\"yt-timestamp\" data-t=\"00:10:00\">[00:10:00]</a> then "
      "<a class=\"yt-timestamp\" data-t=\"00:05:00\">[00:05:00]</a>");
  REQUIRE(anchors.size() == 2);
  CHECK(anchors[0].data_t == "00:10:00");
  CHECK(anchors[1].data_t == "00:05:00");
  CHECK(anchors[0].range.end <= anchors[1].range.begin);
}

TEST_CASE("rule 22: an anchor never runs past the block end", "[inline][rule22]") {
  const std::string text = "<a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a>";
  CHECK(anchors_in(text, {0, static_cast<std::uint32_t>(text.size() - 1)}).empty());
  CHECK(anchors_in(text, {0, 20}).empty());
  CHECK(anchors_in(text, whole(text)).size() == 1);
}

TEST_CASE("the seed note: every wikilink and anchor is found", "[inline][seed]") {
  const auto path = vaultlink::test::shared_dir() / "seeds" / "000_6d52356b5bf23467.txt";
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file);
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string text = buffer.str();

  std::size_t written_links = 0;
  for (std::size_t at = text.find("[["); at != std::string::npos; at = text.find("[[", at + 2)) ++written_links;
  std::size_t written_anchors = 0;
  for (std::size_t at = text.find("<a "); at != std::string::npos; at = text.find("<a ", at + 3)) ++written_anchors;
  REQUIRE(written_links > 20);
  REQUIRE(written_anchors > 40);

  const auto links = wikilinks_in(text);
  CHECK(links.size() == written_links);
  for (const Link& link : links) {
    CHECK(link.malformed.empty());
    CHECK(link.target == vaultlink::trim(link.target));
  }
  CHECK(links[0].target == "oecdobservatoryofpublicsec3116");
  CHECK(links[1].target == "leadership_and_teamwork_in_public_administration");
  CHECK_FALSE(links[0].has_display);
  CHECK(links[1].display == "leadership");

  const auto anchors = anchors_in(text);
  CHECK(anchors.size() == written_anchors);
  for (const TimestampAnchor& anchor : anchors) {
    CHECK(anchor.has_label);
    CHECK(anchor.label == anchor.data_t);
  }
  CHECK(anchors.front().data_t == "00:00:35");
  CHECK(anchors.back().data_t == "00:54:47");
  CHECK(markdown_links_in(text).empty());
}

// ------------------------------------------------------------ in_ranges

TEST_CASE("in_ranges finds an offset in sorted ranges", "[inline]") {
  const std::vector<ByteRange> ranges{{2, 4}, {10, 11}, {20, 30}};
  CHECK_FALSE(vaultlink::in_ranges(ranges, 0));
  CHECK(vaultlink::in_ranges(ranges, 2));
  CHECK(vaultlink::in_ranges(ranges, 3));
  CHECK_FALSE(vaultlink::in_ranges(ranges, 4));  // ends are exclusive
  CHECK(vaultlink::in_ranges(ranges, 10));
  CHECK_FALSE(vaultlink::in_ranges(ranges, 11));
  CHECK(vaultlink::in_ranges(ranges, 29));
  CHECK_FALSE(vaultlink::in_ranges(ranges, 30));
  CHECK_FALSE(vaultlink::in_ranges({}, 5));
  const std::vector<ByteRange> with_empty{{5, 5}, {6, 8}};
  CHECK_FALSE(vaultlink::in_ranges(with_empty, 5));
  CHECK(vaultlink::in_ranges(with_empty, 6));
}

// ------------------------------------------------------------ edge cases

TEST_CASE("edge: a link at the very end of the text", "[inline][edge]") {
  const std::string text = "see [[End]]";
  const auto links = wikilinks_in(text);
  REQUIRE(links.size() == 1);
  CHECK(links[0].range.end == text.size());
  CHECK(targets(markdown_links_in("see [a](End.md)")) == std::vector<std::string>{"End.md"});
  CHECK(wikilinks_in("see [[End]").empty());
  CHECK(wikilinks_in("see [[End").empty());
  CHECK(wikilinks_in("[").empty());
  CHECK(markdown_links_in("[a](End.md").empty());
  CHECK(markdown_links_in("[a](").empty());
  CHECK(code_and_math_texts("$").empty());
  CHECK(code_and_math_texts("$$").empty());
  CHECK(anchors_in("<a ").empty());
  CHECK(anchors_in("<a class=\"yt-timestamp\" data-t=\"1\">[1]</").empty());
}

TEST_CASE("edge: empty and out-of-range blocks find nothing", "[inline][edge]") {
  const std::string text = "[[a]] [b](c.md) `d` <a class=\"yt-timestamp\" data-t=\"1\">[1]</a>";
  CHECK(wikilinks_in(text, {3, 3}).empty());
  CHECK(markdown_links_in(text, {0, 0}).empty());
  CHECK(code_and_math(text, {7, 7}).empty());
  CHECK(anchors_in(text, {0, 0}).empty());
  CHECK(wikilinks_in("", {0, 0}).empty());
  // A block past the end of the text is clamped, never read beyond it.
  CHECK(targets(wikilinks_in(text, {0, 100000})) == std::vector<std::string>{"a"});
  CHECK(wikilinks_in(text, {500, 100}).empty());
}

TEST_CASE("edge: NUL bytes and invalid UTF-8 inside links", "[inline][edge]") {
  const std::string nul = "[[a\0b]] [x](c\0d.md)"s;
  const auto links = wikilinks_in(nul);
  REQUIRE(links.size() == 1);
  CHECK(links[0].target == "a\0b"s);
  CHECK(markdown_links_in(nul).empty());  // a NUL ends a destination, like any control byte
  const std::string bad = "[[\xFF\xFEname]] [t](\xC3.md) `\x80`";
  CHECK(targets(wikilinks_in(bad)) == std::vector<std::string>{"\xFF\xFEname"});
  CHECK(targets(markdown_links_in(bad)) == std::vector<std::string>{"\xC3.md"});
  CHECK(code_and_math_texts(bad) == std::vector<std::string>{"`\x80`"});
}

TEST_CASE("edge: CRLF line endings", "[inline][edge]") {
  const std::string text = "[[One]]\r\n[[Two\r\n]]\r\n[a](Three.md)\r\n";
  CHECK(targets(wikilinks_in(text)) == std::vector<std::string>{"One"});
  CHECK(targets(markdown_links_in(text)) == std::vector<std::string>{"Three.md"});
}

TEST_CASE("edge: 10,000 opening brackets and other unmatched openers stay linear", "[inline][edge][performance]") {
  const std::string brackets(10000, '[');
  CHECK(wikilinks_in(brackets).empty());
  CHECK(markdown_links_in(brackets).empty());

  const std::size_t n = 200000;
  for (const std::string& text :
       {std::string(n, '['), std::string(n, ']'), repeat("[[a ", n / 4), repeat("[a](", n / 4),
        repeat("[a](b ", n / 5), repeat("[a](<", n / 4), repeat("[a](b \"", n / 6), repeat("![a]", n / 4),
        repeat("`", n) + "x", repeat("`a``", n / 4), repeat("$a ", n / 3), repeat("$$a", n / 3) + "$",
        repeat("\\", n) + "[[a]]", repeat("<a class=\"yt-timestamp\" data-t=\"1\">[1]", n / 40),
        repeat("<a x='", n / 6), repeat("<a x=\"<a y='", n / 12)}) {
    INFO("input starts with " << text.substr(0, 12));
    check_fast([&] {
      (void)code_and_math(text, whole(text));
      (void)wikilinks_in(text);
      (void)markdown_links_in(text);
      (void)anchors_in(text);
    });
  }
}

TEST_CASE("edge: many links are found quickly", "[inline][edge][performance]") {
  const std::size_t count = 200000;
  const std::string wiki = repeat("[[Note]] ", count);
  const std::string markdown = std::string(20000, '[') + repeat("[a](b.md) ", count);
  check_fast([&] {
    CHECK(wikilinks_in(wiki).size() == count);
    CHECK(markdown_links_in(markdown).size() == count);
  });
  const std::string anchors = repeat("<a class=\"yt-timestamp\" data-t=\"00:00:01\">[00:00:01]</a> ", count / 4);
  check_fast([&] { CHECK(anchors_in(anchors).size() == count / 4); });
}
