// YouTube timestamp anchors (OBSIDIAN-LINKS section 7):
// <a class="yt-timestamp" data-t="00:15:21">[00:15:21]</a>, read as HTML reads
// attributes (any order, either quotes, any case) but never past the block.
#include <algorithm>
#include <optional>
#include <string>

#include "inline_scan_support.hpp"
#include "vaultlink/inline_scan.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

using namespace inline_scan_detail;

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

void find_timestamp_anchors(std::string_view text, ByteRange block, std::span<const ByteRange> excluded,
                            std::vector<TimestampAnchor>& out) {
  const Span span = clamp(text, block);
  RangeCursor skip(excluded, span.begin);
  ClosingTagFinder closing(text, span.end);
  for (std::uint32_t i = span.begin; i < span.end;) {
    // memchr: anchors are rare bytes in prose. Bounded by the block: a search
    // running on to the note's end would make a note of many blocks quadratic.
    const auto tag_start = text.substr(0, span.end).find('<', i);
    if (tag_start == std::string_view::npos || tag_start >= span.end) break;
    i = static_cast<std::uint32_t>(tag_start);
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
