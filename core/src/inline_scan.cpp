#include "vaultlink/inline_scan.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <unordered_map>

#include "vaultlink/text.hpp"

// Every scanner here makes one left-to-right pass over the block. Wherever a
// search for a closing delimiter could be repeated from many openers, its
// outcome is remembered (or looked up in a precomputed index) so that hostile
// input such as thousands of unmatched openers stays linear.

namespace vaultlink {
namespace {

// The block clamped to the text, so a stale or oversized range cannot make a
// scanner read past the end of the note.
struct Span {
  std::uint32_t begin;
  std::uint32_t end;
};

Span clamp(std::string_view text, ByteRange block) {
  const auto size = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), UINT32_MAX));
  const std::uint32_t end = std::min(block.end, size);
  const std::uint32_t begin = std::min(block.begin, end);
  return {begin, end};
}

bool is_ascii_punctuation(char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

bool is_white(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_line_end(char c) { return c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A character is backslash-escaped when an odd number of backslashes (inside
// the block) precede it. Counting backwards keeps this a property of the
// position alone, whatever point a scan started from.
bool is_escaped(std::string_view text, std::uint32_t block_begin, std::uint32_t pos) {
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

// ---------------------------------------------------------------- code & math

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

// ------------------------------------------------------------------ wikilinks

// Calls on_link(open, close) for every "[[...]]" in the block: `open` is the
// offset of "[[", `close` the offset of "]]". Offsets inside `excluded` are
// neither openers nor closers.
template <typename OnLink>
void scan_wikilink_brackets(std::string_view text, Span span, std::span<const ByteRange> excluded,
                            OnLink on_link) {
  RangeCursor skip(excluded, span.begin);
  // A plain flag and offset rather than std::optional: GCC 12 misreports the
  // optional as maybe-uninitialized under -Werror.
  bool has_open = false;
  std::uint32_t open = 0;
  for (std::uint32_t i = span.begin; i < span.end;) {
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

// ------------------------------------------------------------- Markdown links

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

// ---------------------------------------------------------- timestamp anchors

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_attribute_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7F && c != '"' && c != '\'' && c != '>' && c != '/' && c != '=' && c != '<';
}

bool is_unquoted_value_char(char c) {
  return !is_html_space(c) && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' && c != '`';
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

struct OpeningTag {
  std::uint32_t end = 0;  // just after '>'
  bool self_closing = false;
  std::optional<std::string_view> class_value;
  std::optional<std::string_view> data_t;
};

// Parses the attributes of "<a ..." from `pos` (just after "<a") to '>'.
// A '<' outside quotes or an unterminated quote ends the attempt, which keeps
// failed attempts short.
std::optional<OpeningTag> parse_opening_tag(std::string_view text, std::uint32_t pos, std::uint32_t end) {
  OpeningTag tag;
  while (true) {
    while (pos < end && is_html_space(text[pos])) ++pos;
    if (pos >= end) return std::nullopt;
    if (text[pos] == '>') {
      tag.end = pos + 1;
      return tag;
    }
    if (text[pos] == '/' && pos + 1 < end && text[pos + 1] == '>') {
      tag.end = pos + 2;
      tag.self_closing = true;
      return tag;
    }
    const std::uint32_t name_start = pos;
    while (pos < end && is_attribute_name_char(text[pos])) ++pos;
    if (pos == name_start) return std::nullopt;
    const std::string_view name = text.substr(name_start, pos - name_start);
    std::string_view value;
    std::uint32_t look = pos;
    while (look < end && is_html_space(text[look])) ++look;
    if (look < end && text[look] == '=') {
      pos = look + 1;
      while (pos < end && is_html_space(text[pos])) ++pos;
      if (pos >= end) return std::nullopt;
      if (text[pos] == '"' || text[pos] == '\'') {
        const char quote = text[pos];
        std::uint32_t close = pos + 1;
        while (close < end && text[close] != quote) ++close;
        if (close >= end) return std::nullopt;
        value = text.substr(pos + 1, close - pos - 1);
        pos = close + 1;
      } else {
        const std::uint32_t value_start = pos;
        while (pos < end && is_unquoted_value_char(text[pos])) ++pos;
        if (pos == value_start) return std::nullopt;
        value = text.substr(value_start, pos - value_start);
      }
    }
    // HTML keeps the first of duplicated attributes.
    if (equals_ignoring_ascii_case(name, "class") && !tag.class_value) tag.class_value = value;
    if (equals_ignoring_ascii_case(name, "data-t") && !tag.data_t) tag.data_t = value;
  }
}

bool has_class(std::string_view class_list, std::string_view wanted) {
  std::size_t pos = 0;
  while (pos < class_list.size()) {
    while (pos < class_list.size() && is_html_space(class_list[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < class_list.size() && !is_html_space(class_list[pos])) ++pos;
    if (pos > start && class_list.substr(start, pos - start) == wanted) return true;
  }
  return false;
}

struct ClosingTag {
  std::uint32_t begin;  // the '<' of "</a>"
  std::uint32_t end;    // just after '>'
};

// Finds the next "</a>" (any case, white space before '>' allowed). The last
// answer is remembered: anchors are visited in order, so each byte of the
// block is searched at most once however many openers lack a closer.
class ClosingTagFinder {
 public:
  ClosingTagFinder(std::string_view text, std::uint32_t end) : text_(text), end_(end) {}

  std::optional<ClosingTag> next_from(std::uint32_t from) {
    if (exhausted_) return std::nullopt;
    if (last_ && last_->begin >= from) return last_;
    for (std::uint32_t i = from; i + 3 < end_; ++i) {
      if (text_[i] != '<' || text_[i + 1] != '/' || ascii_lower(text_[i + 2]) != 'a') continue;
      std::uint32_t q = i + 3;
      while (q < end_ && is_html_space(text_[q])) ++q;
      if (q < end_ && text_[q] == '>') {
        last_ = ClosingTag{i, q + 1};
        return last_;
      }
    }
    exhausted_ = true;
    return std::nullopt;
  }

 private:
  std::string_view text_;
  std::uint32_t end_;
  std::optional<ClosingTag> last_;
  bool exhausted_ = false;
};

}  // namespace

// ------------------------------------------------------------------ public API

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
  for (std::uint32_t i = span.begin; i < span.end;) {
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

void find_markdown_links(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                         std::vector<Link>& out) {
  const Span span = clamp(text, block);
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

  RangeCursor skip_excluded(excluded, span.begin);
  RangeCursor skip_wikilinks(wikilinks, span.begin);
  for (std::uint32_t i = span.begin; i < span.end;) {
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

void find_timestamp_anchors(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                            std::vector<TimestampAnchor>& out) {
  const Span span = clamp(text, block);
  RangeCursor skip(excluded, span.begin);
  ClosingTagFinder closing(text, span.end);
  for (std::uint32_t i = span.begin; i < span.end;) {
    if (const auto range_end = skip.end_if_inside(i)) {
      i = *range_end;
      continue;
    }
    const bool starts_anchor = text[i] == '<' && i + 2 < span.end && ascii_lower(text[i + 1]) == 'a' &&
                               is_html_space(text[i + 2]);
    if (!starts_anchor) {
      ++i;
      continue;
    }
    const auto tag = parse_opening_tag(text, i + 2, span.end);
    if (!tag) {
      ++i;
      continue;
    }
    if (tag->self_closing || !tag->class_value || !has_class(*tag->class_value, "yt-timestamp")) {
      i = tag->end;
      continue;
    }
    const auto close = closing.next_from(tag->end);
    if (!close) {
      i = tag->end;
      continue;
    }
    TimestampAnchor anchor;
    anchor.data_t = std::string(tag->data_t.value_or(std::string_view{}));
    const std::string_view content = trim(text.substr(tag->end, close->begin - tag->end));
    if (content.size() >= 2 && content.front() == '[' && content.back() == ']') {
      anchor.label = std::string(content.substr(1, content.size() - 2));
      anchor.has_label = true;
    }
    anchor.range = {i, close->end};
    out.push_back(std::move(anchor));
    i = close->end;
  }
}

}  // namespace vaultlink
