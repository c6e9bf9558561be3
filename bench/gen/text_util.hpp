// Small string helpers for generated names and links. ASCII-only case changes
// on purpose: the vocabulary's accented letters are already lowercase.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vaultgen {

inline char ascii_upper_char(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
inline char ascii_lower_char(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string capitalize(std::string text) {
  if (!text.empty()) text[0] = ascii_upper_char(text[0]);
  return text;
}

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower_char(c);
  return out;
}

inline std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The slugs the seed transcripts link with: "Cross-sector collaboration" ->
// "crosssector_collaboration". They name no note; vaultlink should suggest the
// real one.
inline std::string snake_slug(std::string_view name) {
  std::string out;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (c == ' ')
      out += '_';
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || byte >= 0x80)
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += ascii_lower_char(c);
  }
  return out;
}

// Percent-encodes what a Markdown link destination cannot hold bare (spaces,
// parentheses, non-ASCII bytes); keeps '/' so paths stay paths.
inline std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool bare = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.' || c == '~' || c == '/' || c == '^';
    if (bare) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// Path of `target` (vault-relative) as seen from a note in folder `from`.
inline std::string relative_path(std::string_view from_folder, std::string_view target) {
  std::vector<std::string> from;
  for (std::size_t start = 0; start < from_folder.size();) {
    std::size_t end = from_folder.find('/', start);
    if (end == std::string_view::npos) end = from_folder.size();
    from.emplace_back(from_folder.substr(start, end - start));
    start = end + 1;
  }
  std::size_t common = 0;
  std::size_t offset = 0;  // where the unshared part of target starts
  while (common < from.size()) {
    const std::string& part = from[common];
    if (target.substr(offset, part.size()) != part || target.size() <= offset + part.size() ||
        target[offset + part.size()] != '/')
      break;
    offset += part.size() + 1;
    ++common;
  }
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i) out += "../";
  out += target.substr(offset);
  return out;
}

}  // namespace vaultgen
