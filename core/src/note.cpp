#include "vaultlink/note.hpp"

#include <algorithm>

namespace vaultlink {

Note::Position Note::position_of(std::uint32_t offset) const {
  if (line_starts.empty()) return {1, offset + 1};
  auto after = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  auto line_index = static_cast<std::uint32_t>(std::distance(line_starts.begin(), after)) - 1;
  return {line_index + 1, offset - line_starts[line_index] + 1};
}

std::optional<std::size_t> Note::section_heading(std::uint32_t offset) const {
  // The last heading that starts before the offset owns it.
  auto after = std::upper_bound(headings.begin(), headings.end(), offset,
                                [](std::uint32_t value, const Heading& heading) { return value < heading.range.begin; });
  if (after == headings.begin()) return std::nullopt;
  return static_cast<std::size_t>(std::distance(headings.begin(), after)) - 1;
}

std::uint32_t Note::section_end(std::size_t heading_index) const {
  const int level = headings[heading_index].level;
  for (std::size_t next = heading_index + 1; next < headings.size(); ++next)
    if (headings[next].level <= level) return headings[next].range.begin;
  return static_cast<std::uint32_t>(size);
}

}  // namespace vaultlink
