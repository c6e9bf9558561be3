#include "vaultlink/subpath.hpp"

#include <algorithm>
#include <cctype>

#include "vaultlink/text.hpp"

namespace vaultlink {

std::optional<std::size_t> find_heading_chain(const Note& note, std::string_view chain, std::string* missing) {
  std::optional<std::size_t> last;
  std::size_t search_from = 0;
  std::uint32_t section_end = static_cast<std::uint32_t>(note.size);
  while (!chain.empty()) {
    auto hash = chain.find('#');
    std::string_view part = trim(chain.substr(0, hash));
    chain = hash == std::string_view::npos ? std::string_view{} : chain.substr(hash + 1);
    if (part.empty()) continue;
    const std::string key = heading_key(part);
    std::optional<std::size_t> found;
    for (std::size_t i = search_from; i < note.headings.size() && note.headings[i].range.begin < section_end; ++i) {
      if (heading_key(note.headings[i].text) == key) {
        found = i;
        break;
      }
    }
    if (!found) {
      if (missing) *missing = std::string(part);
      return std::nullopt;
    }
    last = found;
    search_from = *found + 1;
    section_end = note.section_end(*found);
  }
  return last;
}

const BlockId* find_block_id(const Note& note, std::string_view id) {
  auto same = [&](const BlockId& block) {
    return block.id.size() == id.size() && std::equal(block.id.begin(), block.id.end(), id.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  auto found = std::find_if(note.block_ids.begin(), note.block_ids.end(), same);
  return found == note.block_ids.end() ? nullptr : &*found;
}

}  // namespace vaultlink
