#include "text_positions.hpp"

#include <catch2/catch.hpp>

using vaultlink::lsp::LineIndex;
using vaultlink::lsp::Position;
using vaultlink::lsp::PositionEncoding;

TEST_CASE("UTF-16 positions on a line with two-byte and astral characters", "[text_positions]") {
  // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
  const std::string text = "first\ncafé 😀 [[Link]]\n";
  const LineIndex lines(text, PositionEncoding::utf16);
  const std::size_t link = text.find("[[");
  CHECK(lines.position_of(link) == Position{1, 8});
  CHECK(lines.offset_of({1, 8}) == link);
  CHECK(lines.position_of(text.find("😀")) == Position{1, 5});
  CHECK(lines.offset_of({1, 7}) == text.find("😀") + 4);
  // A position inside the surrogate pair rounds down to the emoji's start.
  CHECK(lines.offset_of({1, 6}) == text.find("😀"));
}

TEST_CASE("positions past a line's end or the text's end are clamped", "[text_positions]") {
  const std::string text = "ab\r\ncd";
  const LineIndex lines(text, PositionEncoding::utf16);
  CHECK(lines.offset_of({0, 99}) == 2);  // before the \r\n
  CHECK(lines.offset_of({7, 0}) == text.size());
  CHECK(lines.position_of(999) == Position{1, 2});
  CHECK(lines.line_count() == 2);
}

TEST_CASE("invalid UTF-8 bytes count one unit each", "[text_positions]") {
  const std::string text = "\xff\xfe[[x]]";
  const LineIndex lines(text, PositionEncoding::utf16);
  CHECK(lines.position_of(2) == Position{0, 2});
  CHECK(lines.offset_of({0, 2}) == 2);
}

TEST_CASE("UTF-8 positions count bytes, UTF-32 positions count code points", "[text_positions]") {
  // On "é日本😀[[x]]": é is 2 bytes, 日 and 本 3 each, 😀 4.
  const std::string text = "\xC3\xA9\xE6\x97\xA5\xE6\x9C\xAC\xF0\x9F\x98\x80[[x]]";
  const std::size_t link = text.find("[[");
  const LineIndex bytes(text, PositionEncoding::utf8), points(text, PositionEncoding::utf32),
      units(text, PositionEncoding::utf16);
  CHECK(bytes.position_of(link) == Position{0, 12});
  CHECK(points.position_of(link) == Position{0, 4});
  CHECK(units.position_of(link) == Position{0, 5});
  CHECK(bytes.offset_of({0, 12}) == link);
  CHECK(points.offset_of({0, 4}) == link);
  CHECK(points.offset_of({0, 3}) == text.find("\xF0"));
  // A UTF-8 position inside a character rounds down to the character's start.
  CHECK(bytes.offset_of({0, 4}) == 2);
  CHECK(bytes.offset_of({0, 3}) == 2);
}
