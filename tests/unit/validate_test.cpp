// Every diagnostic code of OBSIDIAN-LINKS.md section 8, the heading and block
// rules of section 4, embeds (section 5) and the suggestions for broken links.
#include <catch2/catch.hpp>

#include "memory_vault.hpp"

using vaultlink::Diagnostic;
using vaultlink::Severity;
using vaultlink::test::MemoryVault;
using Codes = std::vector<std::string>;

namespace {
const Diagnostic& only(const std::vector<Diagnostic>& diagnostics) {
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front();
}
}  // namespace

TEST_CASE("broken-link: a missing note is a warning with its exact position", "[validate][broken-link]") {
  MemoryVault vault{{"from.md", "line one\nsee [[Missing note]] here\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-link");
  CHECK(d.severity == Severity::warning);
  CHECK(d.line == 2);
  CHECK(d.column == 5);
  CHECK(d.end_line == 2);
  CHECK(d.end_column == 23);
  CHECK(d.message.find("Missing note") != std::string::npos);
}

TEST_CASE("rule 20: an embed of a missing file is broken-link", "[validate][rule20]") {
  MemoryVault vault{{"from.md", "![[missing.png]] ![[present.png]]\n"}, {"present.png", ""}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-link");
  CHECK(d.message.find("missing.png") != std::string::npos);
}

TEST_CASE("rule 19: embed sizes and pdf pages are not headings", "[validate][rule19]") {
  MemoryVault vault{{"from.md", "![[image.png|300]] ![[image.png|300x200]] ![[doc.pdf#page=3]]\n"},
                    {"image.png", ""},
                    {"doc.pdf", ""}};
  CHECK(vault.check("from.md").empty());
}

TEST_CASE("rule 17: headings match after stripping punctuation and case", "[validate][rule17]") {
  MemoryVault vault{{"Game.md", "# Minecraft: The Video Game\n## Q&A  -- part 1\n"},
                    {"from.md", "[[Game#Minecraft The Video Game]] [[Game#minecraft: the video game]] [[Game#Q A part 1]]\n"}};
  CHECK(vault.check("from.md").empty());
}

TEST_CASE("broken-heading: a missing heading on an existing note is an error", "[validate][broken-heading]") {
  MemoryVault vault{{"Note.md", "# Introduction\n"}, {"from.md", "[[Note#Introductoin]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-heading");
  CHECK(d.severity == Severity::error);
  REQUIRE(d.suggestion.has_value());
  CHECK(*d.suggestion == "[[Note#Introduction]]");
}

TEST_CASE("rule 6: [[#Heading]] and [[#^id]] check the note itself", "[validate][rule6]") {
  MemoryVault vault{{"self.md", "# Top\ntext ^here\n\n[[#Top]] [[#^here]] [[#Nowhere]] [[#^gone]]\n"}};
  CHECK(vault.codes("self.md") == Codes{"broken-heading", "broken-block"});
}

TEST_CASE("rule 2: chained headings must nest", "[validate][rule2]") {
  MemoryVault vault{{"Note.md", "# H1\n## H2\n# Other\n## H3\n"},
                    {"from.md", "[[Note#H1#H2]]\n\n[[Note#H1#H3]]\n\n[[Note#Other#H3]]\n"}};
  auto diagnostics = vault.check("from.md");
  const Diagnostic& d = only(diagnostics);
  CHECK(d.code == "broken-heading");
  CHECK(d.line == 3);
}

TEST_CASE("broken-block: a missing block id on an existing note is an error", "[validate][broken-block]") {
  MemoryVault vault{{"Note.md", "A paragraph ^abc\n"}, {"from.md", "[[Note#^abc]] [[Note#^xyz]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-block");
  CHECK(d.severity == Severity::error);
}

TEST_CASE("duplicate-block-id: two equal ids in one note", "[validate][duplicate-block-id][rule18]") {
  MemoryVault vault{{"n.md", "one ^same\n\ntwo ^same\n"}};
  const Diagnostic& d = only(vault.check("n.md"));
  CHECK(d.code == "duplicate-block-id");
  CHECK(d.line == 3);
}

TEST_CASE("ambiguous-link: names Obsidian's choice and suggests a unique path", "[validate][ambiguous-link][rule13]") {
  MemoryVault vault{{"a/Note.md", ""}, {"b/long/Note.md", ""}, {"from.md", "[[Note|shown]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "ambiguous-link");
  CHECK(d.severity == Severity::warning);
  CHECK(d.message.find("Obsidian opens a/Note.md") != std::string::npos);
  REQUIRE(d.suggestion.has_value());
  CHECK(*d.suggestion == "[[a/Note|shown]]");
}

TEST_CASE("malformed-link: [[]], [[|x]] and [[#]]", "[validate][malformed-link][rule6]") {
  MemoryVault vault{{"n.md", "[[]] and [[|x]] and [[#]]\n"}};
  CHECK(vault.codes("n.md") == Codes{"malformed-link", "malformed-link", "malformed-link"});
}

TEST_CASE("rule 14: an alias is suggested, never resolved", "[validate][rule14]") {
  MemoryVault vault{{"Real name.md", "---\naliases: [AL]\n---\n"}, {"from.md", "[[AL]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-link");
  REQUIRE(d.suggestion.has_value());
  CHECK(*d.suggestion == "[[Real name|AL]]");
}

TEST_CASE("suggestion: the seed's snake_case slug finds the real note, display kept", "[validate][suggestion]") {
  MemoryVault vault{{"Topics/Leadership and teamwork in public administration.md", ""},
                    {"seed.md", "[[leadership_and_teamwork_in_public_administration | leadership]]\n"}};
  const Diagnostic& d = only(vault.check("seed.md"));
  CHECK(d.code == "broken-link");
  REQUIRE(d.suggestion.has_value());
  CHECK(*d.suggestion == "[[Leadership and teamwork in public administration|leadership]]");
}

TEST_CASE("suggestion: a close spelling", "[validate][suggestion]") {
  MemoryVault vault{{"Photosynthesis.md", ""}, {"from.md", "[[Photosynthsis]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  REQUIRE(d.suggestion.has_value());
  CHECK(*d.suggestion == "[[Photosynthesis]]");
}

TEST_CASE("suggestion: nothing close, no suggestion", "[validate][suggestion]") {
  MemoryVault vault{{"Apple.md", ""}, {"from.md", "[[Zebra crossing]]\n"}};
  CHECK_FALSE(only(vault.check("from.md")).suggestion.has_value());
}

TEST_CASE("rule 15: a URL in a wikilink is broken, with a Markdown link suggested", "[validate][rule15]") {
  MemoryVault vault{{"from.md", "[[https://example.com]]\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-link");
  CHECK(d.suggestion == std::optional<std::string>("[https://example.com](https://example.com)"));
}

TEST_CASE("rule 12: a link climbing out of the vault is broken", "[validate][rule12]") {
  MemoryVault vault{{"from.md", "[[../../outside]] [up](../secret.md)\n"}};
  CHECK(vault.codes("from.md") == Codes{"broken-link", "broken-link"});
}

TEST_CASE("rule 21: Markdown links are checked, external ones are not", "[validate][rule21]") {
  MemoryVault vault{{"My Note.md", "# Heading\n"},
                    {"from.md",
                     "[a](My%20Note.md#Heading) [b](<My Note.md>) [c](https://x.org/a.md) [d](mailto:a@b.c) "
                     "[e](obsidian://open?vault=x) [f](Missing.md) [g](My%20Note.md#Nope)\n"}};
  CHECK(vault.codes("from.md") == Codes{"broken-link", "broken-heading"});
}

TEST_CASE("rule 9: frontmatter links are checked", "[validate][rule9]") {
  MemoryVault vault{{"from.md", "---\nup: \"[[Parent]]\"\n---\n"}};
  const Diagnostic& d = only(vault.check("from.md"));
  CHECK(d.code == "broken-link");
  CHECK(d.line == 2);
}

TEST_CASE("frontmatter-invalid: broken YAML is an error at its line", "[validate][frontmatter-invalid]") {
  MemoryVault vault{{"n.md", "---\ntitle: x\nlist: [a, b\n---\n"}};
  const Diagnostic& d = only(vault.check("n.md"));
  CHECK(d.code == "frontmatter-invalid");
  CHECK(d.severity == Severity::error);
}

TEST_CASE("severities come from the settings, and off silences a code", "[validate][settings]") {
  MemoryVault vault{{"from.md", "[[Missing]]\n"}};
  vault.settings.severities["broken-link"] = Severity::error;
  CHECK(only(vault.check("from.md")).severity == Severity::error);
  vault.settings.severities["broken-link"] = Severity::off;
  CHECK(vault.check("from.md").empty());
}

// ---- YouTube timestamp anchors (section 7) ----

namespace {
std::string anchor(const std::string& data_t, const std::string& label) {
  return "<a class=\"yt-timestamp\" data-t=\"" + data_t + "\">[" + label + "]</a>";
}
std::string video_note(const std::string& frontmatter, const std::string& body) {
  return "---\ntitle: T\n" + frontmatter + "---\n" + body + "\n";
}
}  // namespace

TEST_CASE("rule 22: data-t must be HH:MM:SS with minutes and seconds below 60", "[validate][timestamps][rule22]") {
  MemoryVault vault{{"v.md", video_note("videoId: zFfSrTvgeis\n",
                                        anchor("00:15:21", "00:15:21") + " " + anchor("15:21", "15:21") + " " +
                                            anchor("00:61:00", "00:61:00") + " " + anchor("00:00:60", "00:00:60") +
                                            " " + anchor("ab:cd:ef", "ab:cd:ef"))}};
  CHECK(vault.codes("v.md") == Codes{"timestamp-malformed", "timestamp-malformed", "timestamp-malformed", "timestamp-malformed"});
  const auto diagnostics = vault.check("v.md");
  CHECK(diagnostics[0].message.find("hours") != std::string::npos);  // the two-part form is explained
  CHECK(diagnostics[0].suggestion == std::optional<std::string>(anchor("00:15:21", "00:15:21")));
}

TEST_CASE("rule 23: the bracketed label must equal data-t", "[validate][timestamps][rule23]") {
  MemoryVault vault{{"v.md", video_note("videoId: zFfSrTvgeis\n", anchor("00:15:21", "00:15:12"))}};
  const Diagnostic& d = only(vault.check("v.md"));
  CHECK(d.code == "timestamp-mismatch");
}

TEST_CASE("rule 24: anchors need a videoId of 11 URL-safe characters", "[validate][timestamps][rule24]") {
  MemoryVault vault{{"none.md", video_note("", anchor("00:00:01", "00:00:01"))},
                    {"short.md", video_note("videoId: abc\n", anchor("00:00:01", "00:00:01"))},
                    {"bad.md", video_note("videoId: \"abc def ghij\"\n", anchor("00:00:01", "00:00:01"))},
                    {"good.md", video_note("videoId: a-b_C9d8E7f\n", anchor("00:00:01", "00:00:01"))},
                    {"plain.md", "no anchors, no videoId\n"}};
  CHECK(vault.codes("none.md") == Codes{"timestamp-missing-video"});
  CHECK(vault.codes("short.md") == Codes{"invalid-video-id"});
  CHECK(vault.codes("bad.md") == Codes{"invalid-video-id"});
  CHECK(vault.codes("good.md").empty());
  CHECK(vault.codes("plain.md").empty());
}

TEST_CASE("rule 25: no anchor beyond the stated duration", "[validate][timestamps][rule25]") {
  MemoryVault vault{
      {"secs.md", video_note("videoId: zFfSrTvgeis\nduration: 600\n", anchor("00:09:59", "00:09:59") + anchor("00:10:01", "00:10:01"))},
      {"clock.md", video_note("videoId: zFfSrTvgeis\nduration: \"01:00:00\"\n", anchor("01:00:00", "01:00:00") + anchor("01:00:01", "01:00:01"))},
      {"unknown.md", video_note("videoId: zFfSrTvgeis\n", anchor("09:00:00", "09:00:00"))}};
  CHECK(vault.codes("secs.md") == Codes{"timestamp-out-of-range"});
  CHECK(vault.codes("clock.md") == Codes{"timestamp-out-of-range"});
  CHECK(vault.codes("unknown.md").empty());
}

TEST_CASE("rule 26: anchors out of order are not flagged", "[validate][timestamps][rule26]") {
  MemoryVault vault{{"v.md", video_note("videoId: zFfSrTvgeis\n",
                                        anchor("00:10:00", "00:10:00") + " " + anchor("00:01:00", "00:01:00") + " " +
                                            anchor("00:10:00", "00:10:00"))}};
  CHECK(vault.check("v.md").empty());
}

TEST_CASE("parse_timestamp", "[validate][timestamps]") {
  using vaultlink::parse_timestamp;
  CHECK(parse_timestamp("00:15:21") == 921);
  CHECK(parse_timestamp("01:00:00") == 3600);
  CHECK_FALSE(parse_timestamp("15:21"));
  CHECK_FALSE(parse_timestamp("00:15:21:00"));
  CHECK_FALSE(parse_timestamp("0:15:21"));
  CHECK_FALSE(parse_timestamp("00:1:21"));
  CHECK_FALSE(parse_timestamp(""));
}
