// Tests of the YouTube timestamp anchor scanner (timestamp_scan.cpp), OBSIDIAN-LINKS section 7.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "inline_scan_helpers.hpp"
#include "vaultlink/inline_scan.hpp"

using namespace vaultlink::scan_test;

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
