// Internal Markdown links and images (OBSIDIAN-LINKS rule 21), following
// CommonMark's inline link syntax closely enough to agree on what is a link.
#include <algorithm>
#include <optional>
#include <string>

#include "inline_scan_support.hpp"
#include "vaultlink/inline_scan.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

using namespace inline_scan_detail;

struct Destination {
  std::string_view raw;  // as written, without angle brackets
  std::uint32_t end;     // offset just after the closing ')'
};

// Skips spaces and tabs and at most one line ending; returns the new offset.
std::uint32_t skip_link_white(std::string_view text, std::uint32_t pos, std::uint32_t end) {
  bool seen_line_end = false;
  while (pos < end) {
    const char c = text[pos];
    if (c == ' ' || c == '\t') {
      ++pos;
    } else if (is_line_end(c) && !seen_line_end) {
      seen_line_end = true;
      pos += (c == '\r' && pos + 1 < end && text[pos + 1] == '\n') ? 2 : 1;
    } else {
      break;
    }
  }
  return pos;
}

// CommonMark limits parenthesis nesting in a destination; it also bounds how
// far a failing destination can be scanned.
constexpr int kMaxDestinationParens = 32;

// Parses "dest [title])" starting just after the '(' of "](".
std::optional<Destination> parse_destination(std::string_view text, std::uint32_t pos, std::uint32_t end) {
  pos = skip_link_white(text, pos, end);
  std::string_view raw;
  if (pos < end && text[pos] == '<') {
    std::uint32_t q = pos + 1;
    while (q < end && text[q] != '>') {
      if (text[q] == '<' || is_line_end(text[q])) return std::nullopt;
      q += (text[q] == '\\' && q + 1 < end && is_ascii_punctuation(text[q + 1])) ? 2 : 1;
    }
    if (q >= end) return std::nullopt;
    raw = text.substr(pos + 1, q - pos - 1);
    pos = q + 1;
  } else {
    std::uint32_t q = pos;
    int depth = 0;
    while (q < end) {
      const auto c = static_cast<unsigned char>(text[q]);
      if (c == '\\' && q + 1 < end && is_ascii_punctuation(text[q + 1])) {
        q += 2;
        continue;
      }
      if (c <= 0x20 || c == 0x7F) break;
      if (c == '(' && ++depth > kMaxDestinationParens) return std::nullopt;
      if (c == ')') {
        if (depth == 0) break;
        --depth;
      }
      ++q;
    }
    if (depth != 0) return std::nullopt;
    raw = text.substr(pos, q - pos);
    pos = q;
  }
  const std::uint32_t after_dest = pos;
  pos = skip_link_white(text, pos, end);
  if (pos < end && text[pos] == ')') return Destination{raw, pos + 1};
  // Anything else must be a title separated by white space; a bare space in
  // the destination ("[a](My Note.md)") therefore means no link at all.
  if (pos == after_dest || pos >= end) return std::nullopt;
  const char open = text[pos];
  if (open != '"' && open != '\'' && open != '(') return std::nullopt;
  const char close = open == '(' ? ')' : open;
  std::uint32_t q = pos + 1;
  while (q < end && text[q] != close) {
    if (open == '(' && text[q] == '(') return std::nullopt;
    q += (text[q] == '\\' && q + 1 < end && is_ascii_punctuation(text[q + 1])) ? 2 : 1;
  }
  if (q >= end) return std::nullopt;
  pos = skip_link_white(text, q + 1, end);
  if (pos < end && text[pos] == ')') return Destination{raw, pos + 1};
  return std::nullopt;
}

// Removes backslash escapes ("My\_Note" is "My_Note"), as CommonMark does.
std::string unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && is_ascii_punctuation(raw[i + 1])) ++i;
    out.push_back(raw[i]);
  }
  return out;
}

// Fills target and subpath of a Markdown link; false when the destination is
// not an internal link (empty, or a URL with a scheme).
bool set_markdown_target(std::string_view raw, Link& link) {
  raw = trim(raw);
  if (raw.empty() || has_uri_scheme(raw)) return false;
  // Split before decoding so an encoded "%23" stays part of the name.
  const std::size_t hash = raw.find('#');
  link.target = std::string(trim(percent_decode(unescape(raw.substr(0, hash)))));
  if (hash != std::string_view::npos) {
    link.subpath = std::string(trim(percent_decode(unescape(raw.substr(hash + 1)))));
    link.has_subpath = !link.subpath.empty();
  }
  return !link.target.empty() || link.has_subpath;
}

}  // namespace

void find_markdown_links(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                         std::vector<Link>& out) {
  const Span span = clamp(text, block);
  // Every inline link or image has "](": most blocks have none and are skipped whole.
  if (text.substr(span.begin, span.end - span.begin).find("](") == std::string_view::npos) return;
  const std::size_t first_new = out.size();
  // Wikilinks are opaque here: "[[a]](b)" is a wikilink followed by text.
  std::vector<ByteRange> wikilinks;
  scan_wikilink_brackets(text, span, excluded,
                         [&](std::uint32_t open, std::uint32_t close) { wikilinks.push_back({open, close + 2}); });

  struct Opener {
    std::uint32_t bracket;  // offset of '['
    bool image;             // written "![" : an embed
  };
  std::vector<Opener> openers;
  // Links cannot contain links: once one is found, the '[' below it on the
  // stack can only close images. Tracked as a watermark to stay O(1).
  std::size_t link_openers_from = 0;

  static constexpr ByteSet kMarkup("[]\\");
  RangeCursor skip_excluded(excluded, span.begin);
  RangeCursor skip_wikilinks(wikilinks, span.begin);
  for (std::uint32_t i = span.begin; i < span.end;) {
    i = kMarkup.next(text, i, span.end);
    if (i >= span.end) break;
    if (const auto range_end = skip_excluded.end_if_inside(i)) {
      i = *range_end;
      continue;
    }
    if (const auto range_end = skip_wikilinks.end_if_inside(i)) {
      i = *range_end;
      continue;
    }
    const char c = text[i];
    if (c == '\\' && i + 1 < span.end && is_ascii_punctuation(text[i + 1])) {
      i += 2;
      continue;
    }
    if (c == '[') {
      const bool image = i > span.begin && text[i - 1] == '!' && !is_escaped(text, span.begin, i - 1);
      openers.push_back({i, image});
      ++i;
      continue;
    }
    if (c != ']' || openers.empty()) {
      ++i;
      continue;
    }
    const Opener opener = openers.back();
    openers.pop_back();
    const bool may_close = opener.image || openers.size() >= link_openers_from;
    link_openers_from = std::min(link_openers_from, openers.size());
    if (!may_close || i + 1 >= span.end || text[i + 1] != '(') {
      ++i;
      continue;
    }
    const auto destination = parse_destination(text, i + 2, span.end);
    if (!destination) {
      ++i;
      continue;
    }
    if (!opener.image) link_openers_from = openers.size();
    Link link;
    link.syntax = LinkSyntax::markdown;
    link.embed = opener.image;
    link.range = {opener.image ? opener.bracket - 1 : opener.bracket, destination->end};
    link.block = {span.begin, span.end};
    link.display = std::string(text.substr(opener.bracket + 1, i - opener.bracket - 1));
    link.has_display = true;
    if (!in_ranges(excluded, link.range.begin) && set_markdown_target(destination->raw, link)) {
      out.push_back(std::move(link));
    }
    i = destination->end;
  }
  // A link inside an image's alt text is found before the image that holds it.
  const auto by_start = [](const Link& a, const Link& b) { return a.range.begin < b.range.begin; };
  const auto appended = out.begin() + static_cast<std::ptrdiff_t>(first_new);
  if (!std::is_sorted(appended, out.end(), by_start)) std::stable_sort(appended, out.end(), by_start);
}

}  // namespace vaultlink
