// Which entries a target's backlinks section lists, and how they are written.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/vault.hpp"

using vaultlink::collect_backlinks;
using vaultlink::linkable_heading;
using vaultlink::render_backlinks;
using vaultlink::Settings;
using vaultlink::Vault;
using vaultlink::test::Sandbox;

namespace {

std::vector<std::string> section_of(const Vault& vault, std::string_view target) {
  return render_backlinks(collect_backlinks(vault.index(), vault.graph(), target), "## Backlinks");
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("sources are grouped and ordered by path, links by position; self-links do not count",
          "[backlinks][render]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "# Target\n\nSee [[Target]] and [[#Target]].\n");
  sandbox.write("b/Zeta.md", "Intro [[Target]].\n\n## Later\nAgain ![[Target]] here.\n");
  sandbox.write("Alpha.md", "# One\n[[Target|shown]]\n# Two\n[text](Target.md)\n# One again\n[[target]]\n");
  sandbox.write("Unrelated.md", "[[Other]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());

  CHECK(section_of(vault, "Target.md") == Lines{
                                              "## Backlinks",
                                              "- [[Alpha]]",
                                              "  - [[Alpha#One]]",
                                              "  - [[Alpha#Two]]",
                                              "  - [[Alpha#One again]]",
                                              "- [[Zeta]]",
                                              "  - [[Zeta#Later]]",
                                          });
  auto groups = collect_backlinks(vault.index(), vault.graph(), "Target.md");
  REQUIRE(groups.size() == 2);
  CHECK(groups[1].source_path == "b/Zeta.md");
  CHECK(groups[1].mentions.size() == 2);  // the link above any heading and the embed
  CHECK(groups[1].mentions[0].offset < groups[1].mentions[1].offset);
  CHECK(section_of(vault, "Unrelated.md").empty());
  CHECK(section_of(vault, "Alpha.md").empty());
}

TEST_CASE("links inside another note's generated section are not backlinks", "[backlinks][render]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "text\n");
  sandbox.write("Hub.md", "hub\n\n<!-- vaultlink:backlinks -->\n## Backlinks\n- [[Target]]\n<!-- /vaultlink:backlinks -->\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(section_of(vault, "Target.md").empty());
}

TEST_CASE("entries use the shortest link that resolves to the source", "[backlinks][render]") {
  Sandbox sandbox;
  sandbox.write("Target.md", "");
  sandbox.write("a/Note.md", "[[Target]]\n");
  sandbox.write("b/Note.md", "");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(section_of(vault, "Target.md") == Lines{"## Backlinks", "- [[a/Note]]"});
}

TEST_CASE("headings are written the way a link can carry them", "[backlinks][render]") {
  CHECK(linkable_heading("Minecraft: The Video Game") == "Minecraft The Video Game");
  CHECK(linkable_heading("A | B #tag ^x [[Link]]") == "A B tag x Link");
  CHECK(linkable_heading("  spaced   out  ") == "spaced out");
  CHECK(linkable_heading("%%hidden%% rest") == "hidden rest");
  CHECK(linkable_heading("50% done") == "50% done");

  Sandbox sandbox;
  sandbox.write("Target.md", "");
  sandbox.write("Source.md", "## Step 1: the [[Target]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(section_of(vault, "Target.md") == Lines{"## Backlinks", "- [[Source]]", "  - [[Source#Step 1 the Target]]"});
}

TEST_CASE("transcript notes give the anchor that cites the link's sentence as a clickable timestamp",
          "[backlinks][render]") {
  Sandbox sandbox;
  sandbox.write("Topic.md", "");
  sandbox.write("Talk.md",
                "---\nvideoId: zFfSrTvgeis\n---\n"
                "Intro on [[Topic]] <a class=\"yt-timestamp\" data-t=\"00:00:35\">[00:00:35]</a>.\n\n"
                "## Part\n"
                "Before <a class=\"yt-timestamp\" data-t=\"00:08:28\">[00:08:28]</a>. Then [[Topic]] "
                "between agencies <a class=\"yt-timestamp\" data-t=\"00:10:08\">[00:10:08]</a>.\n\n"
                "* Item [[Topic]] <a class=\"yt-timestamp\" data-t=\"00:15:21\">[00:15:21]</a>\n"
                "* Last [[Topic]], after its anchor <a class=\"yt-timestamp\" data-t=\"9:99\">[9:99]</a>\n\n"
                "No anchor in this paragraph: [[Topic]].\n\n"
                "Cited again [[Topic]] <a class=\"yt-timestamp\" data-t=\"00:10:08\">[00:10:08]</a>.\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  const std::string url = "https://www.youtube.com/watch?v=zFfSrTvgeis&t=";
  CHECK(section_of(vault, "Topic.md") ==
        Lines{"## Backlinks", "- [[Talk]]", "  - [00:00:35](" + url + "35s)",
              "  - [[Talk#Part]] · [00:10:08](" + url + "608s), [00:15:21](" + url + "921s)"});
}

TEST_CASE("without a valid videoId there is no timestamp to link", "[backlinks][render]") {
  Sandbox sandbox;
  sandbox.write("Topic.md", "");
  sandbox.write("Talk.md",
                "---\nvideoId: short\n---\n"
                "[[Topic]] <a class=\"yt-timestamp\" data-t=\"00:00:35\">[00:00:35]</a>\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(section_of(vault, "Topic.md") == Lines{"## Backlinks", "- [[Talk]]"});
}

TEST_CASE("the seed transcript lists where in the video each topic was discussed", "[backlinks][render][seed]") {
  Sandbox sandbox;
  auto vault_dir = sandbox.copy_fixture(vaultlink::test::examples_dir() / "vault");
  Vault vault = Vault::load(vault_dir, Settings::defaults());
  auto lines = section_of(vault, "Topics/Public sector innovation and crosssector collaboration.md");
  const std::string url = "https://www.youtube.com/watch?v=zFfSrTvgeis&t=";
  const std::string source = "Leadership and collaboration in public service";
  CHECK(std::find(lines.begin(), lines.end(), "- [[" + source + "]]") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(),
                  "  - [[" + source + "#Lessons Learned for the Future]] · [00:15:21](" + url + "921s)") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(),
                  "  - [[" + source + "#Impact of the Crisis]] · [00:10:08](" + url + "608s)") != lines.end());
}
