#pragma once
// YAML frontmatter: the block between a first line "---" and the next "---".
#include <string_view>

#include "vaultlink/note.hpp"

namespace vaultlink {

// Reads the frontmatter starting at `begin` (after any BOM) into note.frontmatter
// and returns the offset where the Markdown body starts (== begin when there is
// no frontmatter). Wikilinks written in its values are appended to note.links
// (rule 9). Never throws: broken YAML sets frontmatter.error.
std::uint32_t parse_frontmatter(std::string_view bytes, std::uint32_t begin, Note& note);

// Only the offset where the Markdown body starts, as parse_frontmatter
// returns it, without reading the YAML.
std::uint32_t frontmatter_end(std::string_view bytes, std::uint32_t begin);

}  // namespace vaultlink
