// Tests of the Markdown link scanner (markdown_link_scan.cpp), OBSIDIAN-LINKS rule 21.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "inline_scan_helpers.hpp"
#include "vaultlink/inline_scan.hpp"

using namespace vaultlink::scan_test;
using vaultlink::LinkSyntax;

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
