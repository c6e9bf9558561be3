#pragma once
// UTF-8 text helpers shared by parsing and resolution (utf8proc underneath).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vaultlink {

// Offset of the first invalid UTF-8 sequence, or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Unicode NFC; invalid UTF-8 is returned unchanged.
std::string nfc(std::string_view text);

// The key Obsidian compares names by: NFC, then lower case (as JavaScript's
// toLowerCase does, code point by code point).
std::string fold_name(std::string_view text);

// fold_name, then runs of '_', '-' and white space made one space: finds
// `leadership_and_teamwork` for `Leadership and teamwork` (a suggestion only).
std::string loose_name_key(std::string_view text);

// Heading text as Obsidian compares it: the characters a link cannot carry
// (# | ^ : %% [[ ]] and other punctuation) become spaces, runs of white space
// collapse, ends are trimmed, case is folded.
std::string heading_key(std::string_view text);

std::string_view trim(std::string_view text);  // ASCII white space at both ends

// %XX decoding; malformed escapes are kept as written.
std::string percent_decode(std::string_view text);

// True for "https:", "mailto:", "obsidian:" and any other URI scheme prefix.
bool has_uri_scheme(std::string_view target);

// Levenshtein distance in bytes, giving up (returning limit + 1) beyond `limit`.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace vaultlink
