#pragma once
// Pieces shared by the inline scanners (inline_scan.cpp, markdown_link_scan.cpp,
// timestamp_scan.cpp): byte classes, escapes, block clamping, walking the
// excluded ranges, and finding "[[...]]" pairs. Private to core/src.
//
// Every scanner makes one left-to-right pass over the block. Wherever a search
// for a closing delimiter could be repeated from many openers, its outcome is
// remembered (or looked up in a precomputed index) so that hostile input such
// as thousands of unmatched openers stays linear.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "vaultlink/note.hpp"

namespace vaultlink::inline_scan_detail {

// The block clamped to the text, so a stale or oversized range cannot make a
// scanner read past the end of the note.
struct Span {
  std::uint32_t begin;
  std::uint32_t end;
};

inline Span clamp(std::string_view text, ByteRange block) {
  const auto size = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), UINT32_MAX));
  const std::uint32_t end = std::min(block.end, size);
  const std::uint32_t begin = std::min(block.begin, end);
  return {begin, end};
}

inline bool is_ascii_punctuation(char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

inline bool is_white(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_line_end(char c) { return c == '\n' || c == '\r'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A character is backslash-escaped when an odd number of backslashes (inside
// the block) precede it. Counting backwards keeps this a property of the
// position alone, whatever point a scan started from.
inline bool is_escaped(std::string_view text, std::uint32_t block_begin, std::uint32_t pos) {
  std::uint32_t backslashes = 0;
  while (pos > block_begin && text[pos - 1] == '\\') {
    --pos;
    ++backslashes;
  }
  return backslashes % 2 == 1;
}

// Walks sorted, non-overlapping ranges alongside a scan whose position only
// grows, answering "is this offset inside one of them?" in amortised O(1).
class RangeCursor {
 public:
  RangeCursor(std::span<const ByteRange> ranges, std::uint32_t start) : ranges_(ranges) {
    next_ = static_cast<std::size_t>(
        std::partition_point(ranges.begin(), ranges.end(),
                             [start](const ByteRange& range) { return range.end <= start; }) -
        ranges.begin());
  }

  // The end of the range holding `pos`, if any.
  std::optional<std::uint32_t> end_if_inside(std::uint32_t pos) {
    while (next_ < ranges_.size() && ranges_[next_].end <= pos) ++next_;
    if (next_ < ranges_.size() && ranges_[next_].contains(pos)) return ranges_[next_].end;
    return std::nullopt;
  }

 private:
  std::span<const ByteRange> ranges_;
  std::size_t next_ = 0;
};

// Calls on_link(open, close) for every "[[...]]" in the block: `open` is the
// offset of "[[", `close` the offset of "]]". Offsets inside `excluded` are
// neither openers nor closers.
// A byte set for skipping quickly to the next byte a scanner cares about:
// most of a note is prose that holds none of them.
class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (char c : bytes) member_[static_cast<unsigned char>(c)] = true;
  }
  // The first offset in [from, end) holding a member, or end.
  std::uint32_t next(std::string_view text, std::uint32_t from, std::uint32_t end) const {
    while (from < end && !member_[static_cast<unsigned char>(text[from])]) ++from;
    return from;
  }

 private:
  bool member_[256] = {};
};

template <typename OnLink>
void scan_wikilink_brackets(std::string_view text, Span span, std::span<const ByteRange> excluded,
                            OnLink on_link) {
  static constexpr ByteSet kBrackets("[]\r\n");
  RangeCursor skip(excluded, span.begin);
  // A plain flag and offset rather than std::optional: GCC 12 misreports the
  // optional as maybe-uninitialized under -Werror.
  bool has_open = false;
  std::uint32_t open = 0;
  for (std::uint32_t i = span.begin; i < span.end;) {
    i = kBrackets.next(text, i, span.end);
    if (i >= span.end) break;
    if (const auto range_end = skip.end_if_inside(i)) {
      i = *range_end;
      continue;
    }
    const char c = text[i];
    const bool pair_follows = i + 1 < span.end && text[i + 1] == c;
    if (is_line_end(c)) {
      has_open = false;  // a line break before "]]" means no link (rule 4)
    } else if (c == '[' && pair_follows && !is_escaped(text, span.begin, i)) {
      has_open = true;
      open = i;  // a later opener replaces an earlier one: only the inner link counts
    } else if (c == ']' && pair_follows && has_open) {
      on_link(open, i);
      has_open = false;
      i += 2;
      continue;
    }
    ++i;
  }
}

}  // namespace vaultlink::inline_scan_detail
