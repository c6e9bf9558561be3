#include "text_positions.hpp"

#include <catch2/catch.hpp>

using vaultlink::lsp::LineIndex;
using vaultlink::lsp::Position;

TEST_CASE("UTF-16 positions on a line with two-byte and astral characters", "[text_positions]") {
  // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
  const std::string text = "first\ncafé 😀 [[Link]]\n";
  const LineIndex lines(text);
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
  const LineIndex lines(text);
  CHECK(lines.offset_of({0, 99}) == 2);  // before the \r\n
  CHECK(lines.offset_of({7, 0}) == text.size());
  CHECK(lines.position_of(999) == Position{1, 2});
  CHECK(lines.line_count() == 2);
}

TEST_CASE("invalid UTF-8 bytes count one unit each", "[text_positions]") {
  const std::string text = "\xff\xfe[[x]]";
  const LineIndex lines(text);
  CHECK(lines.position_of(2) == Position{0, 2});
  CHECK(lines.offset_of({0, 2}) == 2);
}
