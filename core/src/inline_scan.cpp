#include "vaultlink/inline_scan.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>

#include "inline_scan_support.hpp"
#include "vaultlink/text.hpp"

// Code spans, math and wikilinks. Markdown links are in markdown_link_scan.cpp,
// timestamp anchors in timestamp_scan.cpp.

namespace vaultlink {
namespace {

using namespace inline_scan_detail;

// Maximal runs of backticks in the block, indexed by length, so the closer of
// an opener (the next run of exactly the same length) is a binary search.
class BacktickRuns {
 public:
  BacktickRuns(std::string_view text, Span span) {
    for (std::uint32_t i = span.begin; i < span.end;) {
      if (text[i] != '`') {
        ++i;
        continue;
      }
      const std::uint32_t start = i;
      while (i < span.end && text[i] == '`') ++i;
      starts_by_length_[i - start].push_back(start);
    }
  }

  // Start of the first run of exactly `length` backticks beginning at or after `from`.
  std::optional<std::uint32_t> first_at_or_after(std::uint32_t length, std::uint32_t from) const {
    const auto found = starts_by_length_.find(length);
    if (found == starts_by_length_.end()) return std::nullopt;
    const auto& starts = found->second;
    const auto it = std::lower_bound(starts.begin(), starts.end(), from);
    if (it == starts.end()) return std::nullopt;
    return *it;
  }

 private:
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> starts_by_length_;
};

// A '$' closes inline math when it is not escaped, follows a non-space and is
// not followed by a digit: "$5 and $10" stays plain text.
bool closes_inline_math(std::string_view text, Span span, std::uint32_t pos) {
  if (text[pos] != '$' || is_white(text[pos - 1])) return false;
  if (pos + 1 < span.end && is_digit(text[pos + 1])) return false;
  return !is_escaped(text, span.begin, pos);
}

}  // namespace

bool in_ranges(std::span<const ByteRange> ranges, std::uint32_t offset) {
  const auto after = std::upper_bound(ranges.begin(), ranges.end(), offset,
                                      [](std::uint32_t value, const ByteRange& range) { return value < range.begin; });
  if (after == ranges.begin()) return false;
  return std::prev(after)->contains(offset);
}

void find_inline_code_and_math(std::string_view text, ByteRange block, std::vector<ByteRange>& out) {
  const Span span = clamp(text, block);
  std::optional<BacktickRuns> runs;  // built on the first backtick only
  bool display_closer_left = true;
  bool inline_closer_left = true;
  static constexpr ByteSet kCodeMarks("`$\\");
  for (std::uint32_t i = span.begin; i < span.end;) {
    i = kCodeMarks.next(text, i, span.end);
    if (i >= span.end) break;
    const char c = text[i];
    if (c == '\\' && i + 1 < span.end && is_ascii_punctuation(text[i + 1])) {
      i += 2;  // an escaped backtick or dollar opens nothing
      continue;
    }
    if (c == '`') {
      std::uint32_t run_end = i;
      while (run_end < span.end && text[run_end] == '`') ++run_end;
      if (!runs) runs.emplace(text, span);
      const std::uint32_t length = run_end - i;
      // Backslashes do not escape inside a code span, so the closer is simply
      // the next run of exactly the same length.
      if (const auto closer = runs->first_at_or_after(length, run_end)) {
        out.push_back({i, *closer + length});
        i = *closer + length;
      } else {
        i = run_end;  // an unmatched run is literal text
      }
      continue;
    }
    if (c == '$' && i + 1 < span.end && text[i + 1] == '$') {
      if (display_closer_left) {
        const std::size_t closer = text.substr(0, span.end).find("$$", i + 2);
        if (closer != std::string_view::npos) {
          const auto math_end = static_cast<std::uint32_t>(closer + 2);
          out.push_back({i, math_end});
          i = math_end;
          continue;
        }
        display_closer_left = false;
      }
      i += 2;
      continue;
    }
    if (c == '$' && inline_closer_left && i + 1 < span.end && !is_white(text[i + 1])) {
      std::optional<std::uint32_t> closer;
      for (std::uint32_t j = i + 2; j < span.end; ++j) {
        if (closes_inline_math(text, span, j)) {
          closer = j;
          break;
        }
      }
      if (closer) {
        out.push_back({i, *closer + 1});
        i = *closer + 1;
        continue;
      }
      // Whether a '$' can close does not depend on the opener, so no later
      // opener can find one either.
      inline_closer_left = false;
    }
    ++i;
  }
}

void parse_wikilink_inner(std::string_view inner, Link& link) {
  link.target.clear();
  link.subpath.clear();
  link.display.clear();
  link.has_subpath = false;
  link.has_display = false;
  link.malformed.clear();

  std::string_view before_pipe = inner;
  const std::size_t pipe = inner.find('|');
  if (pipe != std::string_view::npos) {
    // In a table cell the pipe is written "\|"; the backslash is not part of the target.
    const bool table_escape = pipe > 0 && inner[pipe - 1] == '\\';
    before_pipe = inner.substr(0, table_escape ? pipe - 1 : pipe);
    link.display = std::string(trim(inner.substr(pipe + 1)));
    link.has_display = true;
  }
  const std::size_t hash = before_pipe.find('#');
  link.target = std::string(trim(before_pipe.substr(0, hash)));
  if (hash != std::string_view::npos) {
    link.subpath = std::string(trim(before_pipe.substr(hash + 1)));
    link.has_subpath = !link.subpath.empty();
  }
  if (!link.target.empty()) return;
  if (trim(inner).empty()) {
    link.malformed = "empty link";
  } else if (hash == std::string_view::npos) {
    link.malformed = "link has no target";
  } else if (link.subpath.empty()) {
    link.malformed = "empty heading reference";
  } else if (link.subpath == "^") {
    link.malformed = "empty block reference";
  }
}

void find_wikilinks(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                    std::vector<Link>& out) {
  const Span span = clamp(text, block);
  scan_wikilink_brackets(text, span, excluded, [&](std::uint32_t open, std::uint32_t close) {
    const bool embed = open > span.begin && text[open - 1] == '!' && !is_escaped(text, span.begin, open - 1);
    Link link;
    link.syntax = LinkSyntax::wiki;
    link.embed = embed;
    link.range = {embed ? open - 1 : open, close + 2};
    link.block = {span.begin, span.end};
    if (in_ranges(excluded, link.range.begin)) return;
    parse_wikilink_inner(text.substr(open + 2, close - open - 2), link);
    out.push_back(std::move(link));
  });
}

}  // namespace vaultlink
