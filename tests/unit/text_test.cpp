#include "vaultlink/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace std::string_literals;
using vaultlink::bounded_edit_distance;
using vaultlink::find_invalid_utf8;
using vaultlink::fold_name;
using vaultlink::has_uri_scheme;
using vaultlink::heading_key;
using vaultlink::loose_name_key;
using vaultlink::nfc;
using vaultlink::percent_decode;
using vaultlink::trim;

namespace {

// "é" written as 'e' + COMBINING ACUTE ACCENT, and as the single code point.
const std::string kDecomposedE = "e\xCC\x81";
const std::string kComposedE = "\xC3\xA9";

// The textbook full-matrix Levenshtein distance, as the reference to compare against.
std::size_t full_edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

TEST_CASE("find_invalid_utf8 accepts valid text including NUL bytes", "[text]") {
  CHECK_FALSE(find_invalid_utf8(""));
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("caf" + kComposedE + " \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"));
  CHECK_FALSE(find_invalid_utf8("a\0b"s));
}

TEST_CASE("find_invalid_utf8 reports the offset of the first bad sequence", "[text]") {
  CHECK(find_invalid_utf8("ab\x80z") == 2u);           // lone continuation byte
  CHECK(find_invalid_utf8("abc\xE6\x97") == 3u);       // truncated at the end
  CHECK(find_invalid_utf8("\xC0\xAF") == 0u);          // overlong '/'
  CHECK(find_invalid_utf8("ok\xED\xA0\x80") == 2u);    // UTF-16 surrogate
  CHECK(find_invalid_utf8("x\xFFy\xFE") == 1u);        // first of two
  CHECK(find_invalid_utf8("\xC3\xA9\xC3") == 2u);      // valid then truncated
}

TEST_CASE("nfc composes decomposed characters and leaves invalid text alone", "[text]") {
  CHECK(nfc(kDecomposedE) == kComposedE);
  CHECK(nfc("Caf" + kDecomposedE + ".md") == "Caf" + kComposedE + ".md");
  CHECK(nfc("already " + kComposedE) == "already " + kComposedE);
  CHECK(nfc("bad\xFF" + kDecomposedE) == "bad\xFF" + kDecomposedE);
  CHECK(nfc("nul\0inside"s + kDecomposedE) == "nul\0inside"s + kComposedE);
  CHECK(nfc("") == "");
}

TEST_CASE("rule 11: names compare ignoring case after NFC", "[text][rule11]") {
  CHECK(fold_name("LOG") == fold_name("log"));
  CHECK(fold_name("LOG") == "log");
  CHECK(fold_name("Caf" + kDecomposedE) == fold_name("CAF" + kComposedE));
  CHECK(fold_name("\xC3\x89T\xC3\x89") == "\xC3\xA9t\xC3\xA9");                    // ÉTÉ -> été
  CHECK(fold_name("\xD0\x9F\xD1\x80\xD0\xB8") == "\xD0\xBF\xD1\x80\xD0\xB8");      // При -> при
  CHECK(fold_name("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91") ==
        "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1");                                 // ΣΟΦΙΑ -> σοφια
  CHECK(fold_name("\xE6\x97\xA5\xE6\x9C\xAC Notes") == "\xE6\x97\xA5\xE6\x9C\xAC notes");
  CHECK(fold_name("Folder/Sub Note.MD") == "folder/sub note.md");
}

TEST_CASE("fold_name survives invalid UTF-8 and NUL bytes", "[text][rule11]") {
  CHECK(fold_name("AB\xFF" "CD") == "ab\xFF" "cd");
  CHECK(fold_name("\xC3") == "\xC3");
  CHECK(fold_name("A\0B"s) == "a\0b"s);
  CHECK(fold_name("") == "");
}

TEST_CASE("loose_name_key treats underscores, dashes and spaces alike", "[text]") {
  CHECK(loose_name_key("leadership_and_teamwork_in_public_administration") ==
        loose_name_key("Leadership and teamwork in public administration"));
  CHECK(loose_name_key("Leadership and teamwork") == "leadership and teamwork");
  CHECK(loose_name_key("a - b__c\t d") == "a b c d");
  CHECK(loose_name_key("  _Edge_  ") == "edge");
  CHECK(loose_name_key("Caf" + kDecomposedE + "-Menu") == "caf" + kComposedE + " menu");
  CHECK(loose_name_key("Crosssector") != loose_name_key("Cross sector"));
}

TEST_CASE("rule 17: heading keys ignore punctuation, spacing and case", "[text][rule17]") {
  CHECK(heading_key("Minecraft: The Video Game") == heading_key("Minecraft The Video Game"));
  CHECK(heading_key("Minecraft: The Video Game") == "minecraft the video game");
  CHECK(heading_key("  Impact   of the\tCrisis ") == "impact of the crisis");
  // The characters a link cannot carry.
  CHECK(heading_key("A # B | C ^ D : E %% F [[G]]") == "a b c d e f g");
  CHECK(heading_key("What's new? (2024 edition)") == heading_key("What s new 2024 edition"));
  CHECK(heading_key("Step 1.2 - Setup!") == "step 1 2 setup");
  CHECK(heading_key("C++ & Rust") == "c rust");
  CHECK(heading_key("!!!") == "");
  CHECK(heading_key("") == "");
}

TEST_CASE("rule 17: Unicode punctuation becomes a space, letters of any script stay", "[text][rule17]") {
  // «Bonjour» — Monde (guillemets and an em dash are Unicode punctuation)
  CHECK(heading_key("\xC2\xAB" "Bonjour" "\xC2\xBB \xE2\x80\x94 Monde") == "bonjour monde");
  // 日本語：テスト with a FULLWIDTH COLON between the words
  CHECK(heading_key("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xEF\xBC\x9A\xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88") ==
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xE3\x83\x86\xE3\x82\xB9\xE3\x83\x88");
  // A no-break space collapses like a space; Arabic-Indic digits stay.
  CHECK(heading_key("Part\xC2\xA0\xD9\xA1") == "part \xD9\xA1");
  CHECK(heading_key("\xC3\x89t\xC3\xA9") == heading_key("E\xCC\x81T" + kDecomposedE));
}

TEST_CASE("heading_key keeps invalid bytes without crashing", "[text][rule17]") {
  CHECK(heading_key("Bad\xFF: Heading") == "bad\xFF heading");
  CHECK(heading_key("\xE6\x97") == "\xE6\x97");
}

TEST_CASE("trim removes ASCII white space at both ends only", "[text]") {
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("nothing") == "nothing");
  CHECK(trim(" \t\n ") == "");
  CHECK(trim("") == "");
  CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
}

TEST_CASE("rule 21: percent_decode decodes escapes and keeps malformed ones", "[text][rule21]") {
  CHECK(percent_decode("My%20Note.md") == "My Note.md");
  CHECK(percent_decode("caf%C3%A9") == "caf" + kComposedE);
  CHECK(percent_decode("%e2%82%ac") == "\xE2\x82\xAC");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz and %4") == "%zz and %4");
  CHECK(percent_decode("%2") == "%2");
  CHECK(percent_decode("%%41") == "%A");
  CHECK(percent_decode("a%00b") == "a\0b"s);
  CHECK(percent_decode("") == "");
}

TEST_CASE("rule 21: has_uri_scheme recognises URLs, not note names", "[text][rule21]") {
  CHECK(has_uri_scheme("https://example.com"));
  CHECK(has_uri_scheme("mailto:someone@example.com"));
  CHECK(has_uri_scheme("obsidian://open?vault=x"));
  CHECK(has_uri_scheme("file:///tmp/x"));
  CHECK(has_uri_scheme("svn+ssh://host"));
  CHECK(has_uri_scheme("x-custom.v2:thing"));
  CHECK_FALSE(has_uri_scheme("Note.md"));
  CHECK_FALSE(has_uri_scheme("My Note: part two"));
  CHECK_FALSE(has_uri_scheme("C:\\Users\\note.md"));
  CHECK_FALSE(has_uri_scheme("1http://x"));
  CHECK_FALSE(has_uri_scheme(":nothing"));
  CHECK_FALSE(has_uri_scheme("https"));
  CHECK_FALSE(has_uri_scheme("#Heading"));
  CHECK_FALSE(has_uri_scheme(""));
}

TEST_CASE("bounded_edit_distance gives exact distances within the limit", "[text]") {
  CHECK(bounded_edit_distance("kitten", "sitting", 5) == 3);
  CHECK(bounded_edit_distance("sitting", "kitten", 3) == 3);
  CHECK(bounded_edit_distance("same", "same", 0) == 0);
  CHECK(bounded_edit_distance("", "abc", 3) == 3);
  CHECK(bounded_edit_distance("abc", "", 10) == 3);
  CHECK(bounded_edit_distance("", "", 0) == 0);
  CHECK(bounded_edit_distance("flaw", "lawn", 2) == 2);
  CHECK(bounded_edit_distance("a", "b", 100) == 1);
}

TEST_CASE("bounded_edit_distance returns limit + 1 beyond the limit", "[text]") {
  CHECK(bounded_edit_distance("kitten", "sitting", 2) == 3);
  CHECK(bounded_edit_distance("same", "sane", 0) == 1);
  CHECK(bounded_edit_distance("a", "abcdef", 3) == 4);
  CHECK(bounded_edit_distance("abcdef", "ghijkl", 2) == 3);
}

TEST_CASE("bounded_edit_distance agrees with the full matrix on random strings", "[text]") {
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> letter(0, 3);  // a small alphabet makes close strings likely
  for (int round = 0; round < 2000; ++round) {
    std::string a(static_cast<std::size_t>(length(random)), 'a');
    std::string b(static_cast<std::size_t>(length(random)), 'a');
    for (char& c : a) c = static_cast<char>('a' + letter(random));
    for (char& c : b) c = static_cast<char>('a' + letter(random));
    const std::size_t limit = static_cast<std::size_t>(round % 6);
    const std::size_t expected = std::min(full_edit_distance(a, b), limit + 1);
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(bounded_edit_distance(a, b, limit) == expected);
  }
}

TEST_CASE("bounded_edit_distance stays fast on long strings with a small limit", "[text]") {
  std::string a(200000, 'x');
  std::string b = a;
  b[1000] = 'y';
  b.push_back('z');
  const auto start = std::chrono::steady_clock::now();
  CHECK(bounded_edit_distance(a, b, 3) == 2);
  CHECK(bounded_edit_distance(a, std::string(200000, 'q'), 3) == 4);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}
