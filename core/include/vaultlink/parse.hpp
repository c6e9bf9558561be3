#pragma once
// Parses one note's bytes into the Note model (cmark-gfm for blocks,
// yaml-cpp for frontmatter, the inline scanners for links).
#include <string_view>

#include "vaultlink/note.hpp"

namespace vaultlink {

// Never throws on bad input: invalid UTF-8, NUL bytes and broken YAML become
// ParseProblems on the returned note, and the rest of the note is still read.
Note parse_note(std::string path, std::string_view bytes);

}  // namespace vaultlink
