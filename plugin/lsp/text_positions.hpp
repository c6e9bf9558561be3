#pragma once
// LSP positions are (line, character) with characters counted in the
// position encoding agreed in initialize: UTF-16 code units unless the client
// asked for UTF-8 (bytes) or UTF-32 (code points). The engine counts bytes.
// LineIndex converts between the two for one text. An astral character
// (emoji) is four bytes, two UTF-16 units and one code point; an invalid UTF-8
// byte counts as one unit in every encoding (what a client decoding it with
// replacement characters sees).
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vaultlink::lsp {

enum class PositionEncoding { utf8, utf16, utf32 };

// The name LSP gives the encoding ("utf-8", "utf-16", "utf-32").
const char* encoding_name(PositionEncoding encoding);

struct Position {
  std::uint32_t line = 0;       // 0-based
  std::uint32_t character = 0;  // units of the position encoding from the line's start
  friend bool operator==(const Position&, const Position&) = default;
};

class LineIndex {
 public:
  LineIndex(std::string_view text, PositionEncoding encoding);

  // The position of a byte offset (clamped to the text).
  Position position_of(std::size_t offset) const;
  // The byte offset of a position; a character past the line's end means the
  // line's end, a line past the last means the end of the text.
  std::size_t offset_of(Position position) const;
  // Byte offset of the start of a 0-based line (the text's end past the last line).
  std::size_t line_start(std::uint32_t line) const;
  // Byte offset of the end of a 0-based line, before its line break.
  std::size_t line_end(std::uint32_t line) const;
  std::size_t line_count() const { return starts_.size(); }

  nlohmann::json range_json(std::size_t begin, std::size_t end) const;

 private:
  // Units the character of `length` bytes at a line's position counts for.
  std::uint32_t width(std::size_t length) const;

  std::string_view text_;
  PositionEncoding encoding_;
  std::vector<std::size_t> starts_;  // first byte of every line; lines end at '\n'
};

nlohmann::json to_json(Position position);
Position position_from_json(const nlohmann::json& position);

}  // namespace vaultlink::lsp
