#include "vaultlink/parse.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "frontmatter.hpp"
#include "vaultlink/diagnostic.hpp"
#include "vaultlink/inline_scan.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

using ParserPtr = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

cmark_syntax_extension* table_extension() {
  // Both steps under one call_once (pthread_once), rather than a second
  // function-local static: ThreadSanitizer does not see the guard of a static
  // initialised inside the shared library, and reported the notes parsed on
  // several threads at load as a race.
  static std::once_flag found;
  static cmark_syntax_extension* table = nullptr;
  std::call_once(found, [] {
    cmark_gfm_core_extensions_ensure_registered();
    table = cmark_find_syntax_extension("table");
  });
  return table;
}

// A run of '=' or '-' and nothing after it but white space; "= = =" is text.
bool is_setext_underline(std::string_view line) {
  while (!line.empty() && (line.front() == '>' || line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.empty() || (line.front() != '=' && line.front() != '-')) return false;
  const std::size_t run_end = line.find_first_not_of(line.front());
  return run_end == std::string_view::npos || line.find_first_not_of(" \t", run_end) == std::string_view::npos;
}

std::vector<std::uint32_t> compute_line_starts(std::string_view bytes) {
  std::vector<std::uint32_t> starts{0};
  for (std::size_t at = bytes.find('\n'); at != std::string_view::npos; at = bytes.find('\n', at + 1))
    if (at + 1 < bytes.size()) starts.push_back(static_cast<std::uint32_t>(at + 1));
  return starts;
}

// Where cmark's lines start: it ends a line at "\n", "\r\n" and also at a lone
// "\r", which line_starts (and editors' line numbers) do not count, so its
// line numbers are mapped to bytes through this table, never through line_starts.
std::vector<std::uint32_t> compute_cmark_line_starts(std::string_view bytes) {
  std::vector<std::uint32_t> starts{0};
  for (std::size_t at = 0; at + 1 < bytes.size(); ++at)
    if (bytes[at] == '\n' || (bytes[at] == '\r' && bytes[at + 1] != '\n')) starts.push_back(static_cast<std::uint32_t>(at + 1));
  return starts;
}

// Walks cmark's block tree and feeds each leaf block to the scanners. The
// body was parsed without the frontmatter, so cmark's line numbers are shifted
// by `first_body_line`.
class BlockWalker {
 public:
  // What a walk records: everything, or only the backlinks markers.
  enum class Records { everything, markers };

  BlockWalker(std::string_view bytes, std::uint32_t body, Note& note, Records records = Records::everything)
      : bytes_(bytes), note_(note), cmark_line_starts_(compute_cmark_line_starts(bytes)), records_(records) {
    const auto position = note.position_of(body);
    first_body_line_ = static_cast<std::uint32_t>(
        std::upper_bound(cmark_line_starts_.begin(), cmark_line_starts_.end(), body) - cmark_line_starts_.begin() - 1);
    first_line_shift_ = position.column - 1;  // a BOM before the first line
  }

  void walk(cmark_node* document) {
    // An explicit stack: a note of 10,000 nested quotes must not overflow ours.
    std::vector<cmark_node*> pending{document};
    while (!pending.empty()) {
      cmark_node* node = pending.back();
      pending.pop_back();
      const std::size_t children_at = pending.size();
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
          for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child))
            pending.push_back(child);
          std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(children_at), pending.end());
          break;
        case CMARK_NODE_HTML_BLOCK:
          html_block(node);
          break;
        default:
          if (records_ == Records::everything) leaf_block(node);
          break;
      }
    }
  }

  void finish_markers() {
    if (starts_.size() == 1 && ends_.size() == 1 && ends_[0].begin > starts_[0].begin) {
      note_.generated = GeneratedSection{{starts_[0].begin, ends_[0].end}};
    } else if (!starts_.empty() || !ends_.empty()) {
      std::string why = starts_.size() > 1  ? "two backlinks start markers"
                        : ends_.size() > 1  ? "two backlinks end markers"
                        : starts_.empty()   ? "a backlinks end marker without a start marker"
                        : ends_.empty()     ? "a backlinks start marker without an end marker"
                                            : "the backlinks end marker comes before the start marker";
      ByteRange at = !starts_.empty() ? starts_[0] : ends_[0];
      note_.problems.push_back({std::string(code::backlinks_markers),
                                "generated section left alone: " + why, at});
    }
  }

 private:
  // A leaf block other than HTML: code, a heading, a paragraph or a table.
  void leaf_block(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_CODE_BLOCK:
        note_.code.push_back(line_range(node));
        break;
      case CMARK_NODE_HEADING:
        heading(node);
        break;
      case CMARK_NODE_PARAGRAPH:
        prose(node, line_range(node));
        break;
      default:
        // Extension blocks have no fixed enum value; tables are leaf blocks to us.
        if (std::string_view(cmark_node_get_type_string(node)) == "table") prose(node, line_range(node));
        break;
    }
  }

  std::uint32_t line_begin(int cmark_line) const {
    std::size_t index = static_cast<std::size_t>(cmark_line - 1) + first_body_line_;
    return index < cmark_line_starts_.size() ? cmark_line_starts_[index] : static_cast<std::uint32_t>(bytes_.size());
  }
  std::uint32_t line_end(int cmark_line) const {  // past the line's '\n'
    std::size_t index = static_cast<std::size_t>(cmark_line) + first_body_line_;
    return index < cmark_line_starts_.size() ? cmark_line_starts_[index] : static_cast<std::uint32_t>(bytes_.size());
  }
  ByteRange line_range(cmark_node* node) const {
    int first = std::max(1, cmark_node_get_start_line(node));
    int last = std::max(first, cmark_node_get_end_line(node));
    return {line_begin(first), line_end(last)};
  }
  std::string_view content_of_line(std::uint32_t begin) const {
    auto end = bytes_.find_first_of("\r\n", begin);  // a lone '\r' ends a line for cmark too
    std::string_view line = bytes_.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

  void prose(cmark_node*, ByteRange block) {
    std::vector<ByteRange> code_here;
    find_inline_code_and_math(bytes_, block, code_here);
    find_wikilinks(bytes_, block, code_here, note_.links);
    find_markdown_links(bytes_, block, code_here, note_.links);
    find_timestamp_anchors(bytes_, block, code_here, note_.timestamps);
    note_.code.insert(note_.code.end(), code_here.begin(), code_here.end());
    block_id(block);
  }

  // cmark-gfm ends a setext heading on the line after its underline (with
  // the next block's end column), so that line's links and block id would
  // count twice; the heading ends at its underline.
  // `first` and `last` are the lines cmark gives.
  int setext_underline_line(int first, int last) const {
    for (int line = first + 1; line <= last; ++line)  // the first line is always text
      if (is_setext_underline(content_of_line(line_begin(line)))) return line;
    return last;
  }

  void heading(cmark_node* node) {
    const int first_line = std::max(1, cmark_node_get_start_line(node));
    const int cmark_last_line = std::max(first_line, cmark_node_get_end_line(node));
    const bool setext = cmark_last_line > first_line;
    const int last_line = setext ? setext_underline_line(first_line, cmark_last_line) : first_line;
    const ByteRange block{line_begin(first_line), line_end(last_line)};
    Heading heading;
    heading.level = cmark_node_get_heading_level(node);
    heading.line = note_.position_of(block.begin).line;
    heading.range = block;
    const auto indent = static_cast<std::uint32_t>(std::max(1, cmark_node_get_start_column(node)) - 1);
    auto column = indent;
    if (cmark_node_get_start_line(node) == 1) column += first_line_shift_;
    std::string text;
    if (setext) {
      // Every line above the underline, joined as Obsidian shows them,
      // without its container's markers ("> ", a list item's indent); a lazy
      // continuation line has none.
      for (int line = first_line; line < last_line; ++line) {
        std::string_view content = content_of_line(line_begin(line));
        if (line == first_line) {
          content.remove_prefix(std::min<std::size_t>(column, content.size()));
        } else {
          std::size_t marker = 0;
          while (marker < indent && marker < content.size() &&
                 (content[marker] == '>' || content[marker] == ' ' || content[marker] == '\t'))
            ++marker;
          content.remove_prefix(marker);
        }
        if (!text.empty()) text += ' ';
        text += trim(content);
      }
    } else {
      std::string_view line = content_of_line(block.begin);
      line.remove_prefix(std::min<std::size_t>(column, line.size()));
      line = trim(line);
      while (!line.empty() && line.front() == '#') line.remove_prefix(1);
      line = trim(line);
      // A closing run of '#' preceded by a space is not part of the text.
      auto closing = line.find_last_not_of('#');
      if (closing != std::string_view::npos && closing + 1 < line.size() && (line[closing] == ' ' || line[closing] == '\t'))
        line = trim(line.substr(0, closing));
      else if (closing == std::string_view::npos)
        line = {};
      text = std::string(line);
    }
    heading.text = std::move(text);
    note_.headings.push_back(std::move(heading));
    prose(node, block);
  }

  void html_block(cmark_node* node) {
    ByteRange block = line_range(node);
    std::string_view first = trim(content_of_line(block.begin));
    if (first == kBacklinksStartMarker) {
      starts_.push_back(block);
      return;
    }
    if (first == kBacklinksEndMarker) {
      ends_.push_back(block);
      return;
    }
    // HTML blocks can hold wikilinks and timestamp anchors just as paragraphs do.
    if (records_ == Records::everything) prose(node, block);
  }

  // Rule 18: " ^id" at the end of a block's last line, or "^id" alone on it.
  void block_id(ByteRange block) {
    if (block.end <= block.begin) return;
    std::uint32_t last_line_begin = block.begin;
    for (std::uint32_t at = block.begin; at + 1 < block.end; ++at)
      if (bytes_[at] == '\n' || (bytes_[at] == '\r' && bytes_[at + 1] != '\n')) last_line_begin = at + 1;
    std::string_view line = content_of_line(last_line_begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    std::size_t id_begin = line.size();
    while (id_begin > 0) {
      char c = line[id_begin - 1];
      bool id_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!id_char) break;
      --id_begin;
    }
    if (id_begin == line.size() || id_begin == 0 || line[id_begin - 1] != '^') return;
    const std::size_t caret = id_begin - 1;
    if (caret > 0 && line[caret - 1] != ' ' && line[caret - 1] != '\t') {
      // "^id" must stand alone or follow white space; after a list or quote marker it stands alone.
      std::string_view before = trim(line.substr(0, caret));
      if (!(before.find_first_not_of(">-*+ \t") == std::string_view::npos)) return;
    }
    const auto begin = last_line_begin + static_cast<std::uint32_t>(caret);
    if (in_ranges(note_.code, begin)) return;
    note_.block_ids.push_back({std::string(line.substr(id_begin)), {begin, last_line_begin + static_cast<std::uint32_t>(line.size())}});
  }

  std::string_view bytes_;
  Note& note_;
  std::vector<std::uint32_t> cmark_line_starts_;
  std::uint32_t first_body_line_ = 0;  // in cmark's lines
  std::uint32_t first_line_shift_ = 0;
  std::vector<ByteRange> starts_, ends_;
  Records records_;
};

// Where a note's text starts: after a UTF-8 byte order mark, if any.
std::uint32_t after_bom(std::string_view bytes) { return bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

// cmark-gfm's block tree of the body (which starts at byte `body`).
NodePtr parse_blocks(std::string_view bytes, std::uint32_t body) {
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT), &cmark_parser_free);
  if (auto* table = table_extension()) cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), bytes.data() + body, bytes.size() - body);
  return NodePtr(cmark_parser_finish(parser.get()), &cmark_node_free);
}

void report_encoding_problems(std::string_view bytes, Note& note) {
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    auto at = static_cast<std::uint32_t>(nul);
    note.problems.push_back({std::string(code::unreadable_file),
                             "contains NUL bytes (is it a binary file?); the rest of the note was still checked",
                             {at, at + 1}});
  }
  if (auto bad = find_invalid_utf8(bytes)) {
    auto at = static_cast<std::uint32_t>(*bad);
    note.problems.push_back({std::string(code::unreadable_file),
                             "not valid UTF-8; the rest of the note was still checked", {at, at + 1}});
  }
}

// Links, anchors and block ids inside the generated backlinks section are the
// tool's own output: counting them would feed one note's section into another's.
template <typename Item>
void drop_inside(std::vector<Item>& items, ByteRange section) {
  std::erase_if(items, [&](const Item& item) { return section.contains(item.range.begin); });
}

void drop_duplicate_links(std::vector<Link>& links) {
  // Two leaf blocks can share a line (rare); a link is reported once.
  std::stable_sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.range.begin < b.range.begin; });
  links.erase(std::unique(links.begin(), links.end(),
                          [](const Link& a, const Link& b) { return a.range.begin == b.range.begin; }),
              links.end());
}

}  // namespace

Note parse_note(std::string path, std::string_view bytes) {
  Note note;
  note.path = std::move(path);
  note.size = bytes.size();
  note.line_starts = compute_line_starts(bytes);
  report_encoding_problems(bytes, note);

  const std::uint32_t body = parse_frontmatter(bytes, after_bom(bytes), note);
  if (!note.frontmatter.error.empty()) {
    auto at = note.line_starts[std::min<std::size_t>(note.frontmatter.error_line - 1, note.line_starts.size() - 1)];
    note.problems.push_back({std::string(code::frontmatter_invalid), "frontmatter is not valid YAML: " + note.frontmatter.error,
                             {at, at}});
  }

  NodePtr document = parse_blocks(bytes, body);
  BlockWalker walker(bytes, body, note);
  walker.walk(document.get());
  walker.finish_markers();

  std::sort(note.code.begin(), note.code.end(), [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  drop_duplicate_links(note.links);
  std::stable_sort(note.timestamps.begin(), note.timestamps.end(),
                   [](const TimestampAnchor& a, const TimestampAnchor& b) { return a.range.begin < b.range.begin; });
  if (note.generated) {
    drop_inside(note.links, note.generated->range);
    drop_inside(note.timestamps, note.generated->range);
    drop_inside(note.block_ids, note.generated->range);
  }
  // Every note of the vault stays in memory: the slack a growing vector
  // keeps (up to half of it) was a fifth of a cold check's peak.
  note.line_starts.shrink_to_fit();
  note.headings.shrink_to_fit();
  note.block_ids.shrink_to_fit();
  note.links.shrink_to_fit();
  note.timestamps.shrink_to_fit();
  note.code.shrink_to_fit();
  return note;
}

Note parse_note_markers(std::string_view bytes) {
  Note note;
  note.size = bytes.size();
  note.line_starts = compute_line_starts(bytes);
  const std::uint32_t body = frontmatter_end(bytes, after_bom(bytes));
  NodePtr document = parse_blocks(bytes, body);
  BlockWalker walker(bytes, body, note, BlockWalker::Records::markers);
  walker.walk(document.get());
  walker.finish_markers();
  return note;
}

}  // namespace vaultlink
