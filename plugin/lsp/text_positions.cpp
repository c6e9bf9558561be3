#include "text_positions.hpp"

#include <algorithm>

namespace vaultlink::lsp {
namespace {

// Length of the UTF-8 sequence starting at text[at], or 1 for a byte that
// does not start a valid sequence.
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length <= 1 || at + length > text.size()) return 1;
  for (std::size_t i = 1; i < length; ++i)
    if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 1;
  return length;
}

}  // namespace

const char* encoding_name(PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::utf8: return "utf-8";
    case PositionEncoding::utf32: return "utf-32";
    default: return "utf-16";
  }
}

LineIndex::LineIndex(std::string_view text, PositionEncoding encoding) : text_(text), encoding_(encoding) {
  starts_.push_back(0);
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) starts_.push_back(at + 1);
}

std::uint32_t LineIndex::width(std::size_t length) const {
  switch (encoding_) {
    case PositionEncoding::utf8: return static_cast<std::uint32_t>(length);
    case PositionEncoding::utf32: return 1;
    default: return length == 4 ? 2 : 1;  // astral characters are surrogate pairs
  }
}

std::size_t LineIndex::line_start(std::uint32_t line) const {
  return line < starts_.size() ? starts_[line] : text_.size();
}

std::size_t LineIndex::line_end(std::uint32_t line) const {
  if (line + 1 >= starts_.size()) return text_.size();
  std::size_t end = starts_[line + 1] - 1;  // the '\n'
  if (end > starts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

Position LineIndex::position_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(std::distance(starts_.begin(), after) - 1);
  std::uint32_t units = 0;
  for (std::size_t at = starts_[line]; at < offset;) {
    const std::size_t length = sequence_length(text_, at);
    units += width(length);
    at += length;
  }
  return {line, units};
}

std::size_t LineIndex::offset_of(Position position) const {
  if (position.line >= starts_.size()) return text_.size();
  const std::size_t end = line_end(position.line);
  std::size_t at = starts_[position.line];
  for (std::uint32_t units = 0; at < end;) {
    const std::size_t length = sequence_length(text_, at);
    const std::uint32_t units_here = width(length);
    // A position inside a character (a surrogate pair, a UTF-8 sequence) rounds to its start.
    if (units + units_here > position.character) break;
    units += units_here;
    at += length;
  }
  return at;
}

nlohmann::json LineIndex::range_json(std::size_t begin, std::size_t end) const {
  return {{"start", to_json(position_of(begin))}, {"end", to_json(position_of(std::max(begin, end)))}};
}

nlohmann::json to_json(Position position) { return {{"line", position.line}, {"character", position.character}}; }

Position position_from_json(const nlohmann::json& position) {
  return {position.at("line").get<std::uint32_t>(), position.at("character").get<std::uint32_t>()};
}

}  // namespace vaultlink::lsp
