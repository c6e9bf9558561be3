#pragma once
// Parses one note's bytes into the Note model (cmark-gfm for blocks,
// yaml-cpp for frontmatter, the inline scanners for links).
#include <string_view>

#include "vaultlink/note.hpp"

namespace vaultlink {

// Never throws on bad input: invalid UTF-8, NUL bytes and broken YAML become
// ParseProblems on the returned note, and the rest of the note is still read.
Note parse_note(std::string path, std::string_view bytes);

// Only where the parser sees the backlinks section: `generated` and the
// backlinks_markers problems of parse_note(..., bytes), nothing else (no
// links, headings or frontmatter fields), for about half its cost. Used to
// check a spliced note before it is written.
Note parse_note_markers(std::string_view bytes);

}  // namespace vaultlink
