#pragma once
// LSP positions are (line, character) with characters counted in UTF-16 code
// units; the engine counts bytes. LineIndex converts between the two for one
// text. Astral characters (emoji) are two UTF-16 units and four bytes; an
// invalid UTF-8 byte counts as one unit (what a client decoding it with
// replacement characters sees).
#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vaultlink::lsp {

struct Position {
  std::uint32_t line = 0;       // 0-based
  std::uint32_t character = 0;  // UTF-16 code units from the line's start
  friend bool operator==(const Position&, const Position&) = default;
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

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
  std::string_view text_;
  std::vector<std::size_t> starts_;  // first byte of every line; lines end at '\n'
};

nlohmann::json to_json(Position position);
Position position_from_json(const nlohmann::json& position);

}  // namespace vaultlink::lsp
