#pragma once
// Inline scanners: they find code spans, math, wikilinks, Markdown links and
// YouTube timestamp anchors inside one leaf block of a note. Block structure
// (code blocks, headings, tables) comes from cmark-gfm in parse.cpp; these
// work on the raw bytes so every result carries exact byte offsets.
#include <span>
#include <string_view>
#include <vector>

#include "vaultlink/note.hpp"

namespace vaultlink {

// Appends the ranges of inline code spans (`x`, ``a`b``) and math ($$...$$,
// $...$) inside text[block] to `out`, delimiters included, in order.
void find_inline_code_and_math(std::string_view text, ByteRange block, std::vector<ByteRange>& out);

// Appends the wikilinks and embeds inside text[block] that do not start inside
// `excluded` (sorted, non-overlapping) to `out`. Rules 1-6 of OBSIDIAN-LINKS.md.
void find_wikilinks(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                    std::vector<Link>& out);

// Splits the text between "[[" and "]]" into target, subpath and display
// (rules 2, 3, 5, 6); sets link.malformed for [[]], [[|x]], [[#]].
void parse_wikilink_inner(std::string_view inner, Link& link);

// Appends the internal Markdown links and images inside text[block] (rule 21):
// [text](target), [text](<target with spaces>), ![alt](image.png). Links with a
// URI scheme are external and skipped; targets are percent-decoded.
void find_markdown_links(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                         std::vector<Link>& out);

// Appends every <a class="yt-timestamp" data-t="...">[...]</a> inside text[block].
void find_timestamp_anchors(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                            std::vector<TimestampAnchor>& out);

// True when `offset` lies inside one of the sorted, non-overlapping `ranges`.
bool in_ranges(std::span<const ByteRange> ranges, std::uint32_t offset);

}  // namespace vaultlink
