// Finding and replacing the generated backlinks section in a note's text.
// Pure text functions: no index, no files. Everything outside the section's
// bytes is copied through untouched, so a user's CRLF line endings, trailing
// spaces and missing final newline survive every update.
#include <algorithm>
#include <string>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/diagnostic.hpp"

namespace vaultlink {

namespace {

struct Line {
  std::size_t begin = 0;
  std::size_t content_end = 0;  // before the line ending
  std::size_t end = 0;          // after the line ending
};

// Splits into lines on '\n'; a '\r' before it belongs to the line ending.
std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t newline = text.find('\n', begin);
    Line line;
    line.begin = begin;
    if (newline == std::string_view::npos) {
      line.content_end = line.end = text.size();
    } else {
      line.end = newline + 1;
      line.content_end = newline > begin && text[newline - 1] == '\r' ? newline - 1 : newline;
    }
    lines.push_back(line);
    begin = line.end;
  }
  return lines;
}

std::string_view content_of(std::string_view text, const Line& line) {
  return text.substr(line.begin, line.content_end - line.begin);
}

std::size_t leading_spaces(std::string_view line) {
  std::size_t count = 0;
  while (count < line.size() && line[count] == ' ') ++count;
  return count;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// A marker or fence may be indented by up to three spaces; four make an
// indented code block, where nothing is a marker.
bool indented_as_block(std::string_view line) { return leading_spaces(line) <= 3 && line.find('\t') != 0; }

enum class Marker { none, start, end };

Marker marker_of(std::string_view line) {
  if (!indented_as_block(line)) return Marker::none;
  std::string_view trimmed = trim_spaces(line);
  if (trimmed == kBacklinksStartMarker) return Marker::start;
  if (trimmed == kBacklinksEndMarker) return Marker::end;
  return Marker::none;
}

// A CommonMark code fence opener: ``` or ~~~ (three or more); a backtick
// fence's info string may not contain a backtick.
struct Fence {
  char symbol = 0;
  std::size_t length = 0;
};

std::optional<Fence> fence_opener(std::string_view line) {
  if (!indented_as_block(line)) return std::nullopt;
  std::string_view rest = line.substr(leading_spaces(line));
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return std::nullopt;
  Fence fence{rest[0], 0};
  while (fence.length < rest.size() && rest[fence.length] == fence.symbol) ++fence.length;
  if (fence.length < 3) return std::nullopt;
  if (fence.symbol == '`' && rest.find('`', fence.length) != std::string_view::npos) return std::nullopt;
  return fence;
}

bool closes_fence(std::string_view line, const Fence& fence) {
  if (!indented_as_block(line)) return false;
  std::string_view rest = trim_spaces(line);
  return rest.size() >= fence.length &&
         std::all_of(rest.begin(), rest.end(), [&](char c) { return c == fence.symbol; });
}

// Index of the first line after the frontmatter (0 when there is none).
std::size_t after_frontmatter(std::string_view text, const std::vector<Line>& lines) {
  if (lines.empty() || trim_spaces(content_of(text, lines[0])) != "---") return 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = trim_spaces(content_of(text, lines[i]));
    if (line == "---" || line == "...") return i + 1;
  }
  return 0;  // never closed: not frontmatter, just a thematic break
}

ParseProblem marker_problem(const Line& line, std::string message) {
  ParseProblem problem;
  problem.code = std::string(code::backlinks_markers);
  problem.message = std::move(message);
  problem.range = {static_cast<std::uint32_t>(line.begin), static_cast<std::uint32_t>(line.content_end)};
  return problem;
}

bool ends_with_line_ending(std::string_view text) { return !text.empty() && text.back() == '\n'; }

// Removes one trailing line ending ("\n" or "\r\n"), if there is one.
std::string_view drop_line_ending(std::string_view text) {
  if (!ends_with_line_ending(text)) return text;
  text.remove_suffix(1);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string render_section(const std::vector<std::string>& body_lines, std::string_view eol) {
  std::string section(kBacklinksStartMarker);
  section += eol;
  for (const auto& line : body_lines) {
    // A line break inside a line (from a setting, say) would change the
    // note's line endings or split the section; it becomes a space.
    for (char c : line) section += (c == '\n' || c == '\r') ? ' ' : c;
    section += eol;
  }
  section += kBacklinksEndMarker;
  return section;
}

}  // namespace

SectionScan find_backlinks_section(std::string_view text) {
  SectionScan scan;
  std::vector<Line> lines = split_lines(text);
  std::optional<Fence> fence;
  std::optional<Line> open_start;
  for (std::size_t i = after_frontmatter(text, lines); i < lines.size(); ++i) {
    std::string_view line = content_of(text, lines[i]);
    if (fence) {
      if (closes_fence(line, *fence)) fence.reset();
      continue;
    }
    if ((fence = fence_opener(line))) continue;
    Marker marker = marker_of(line);
    if (marker == Marker::start) {
      if (open_start) {
        scan.problem = marker_problem(lines[i], "a second backlinks start marker before the end marker; "
                                                "the note was left alone");
        break;
      }
      if (scan.section) {
        scan.problem = marker_problem(lines[i], "a second generated backlinks section; the note was left alone");
        break;
      }
      open_start = lines[i];
    } else if (marker == Marker::end) {
      if (!open_start) {
        scan.problem = marker_problem(lines[i], "a backlinks end marker without a start marker; "
                                                "the note was left alone");
        break;
      }
      scan.section = ByteRange{static_cast<std::uint32_t>(open_start->begin), static_cast<std::uint32_t>(lines[i].end)};
      open_start.reset();
    }
  }
  if (!scan.problem && open_start)
    scan.problem = marker_problem(*open_start, "a backlinks start marker without an end marker; "
                                               "the note was left alone");
  if (scan.problem) scan.section.reset();
  scan.ends_in_code = fence.has_value();
  return scan;
}

std::string_view dominant_line_ending(std::string_view text) {
  std::size_t crlf = 0, lf = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    (i > 0 && text[i - 1] == '\r' ? crlf : lf) += 1;
  }
  return crlf > lf ? "\r\n" : "\n";
}

SectionScan section_scan_of(const Note& note, std::string_view text) {
  SectionScan scan;
  // Whether an unclosed fence runs to the end is a property of the text the
  // parser does not record; the line scan knows it.
  scan.ends_in_code = find_backlinks_section(text).ends_in_code;
  for (const auto& problem : note.problems) {
    if (problem.code == code::backlinks_markers) {
      scan.problem = problem;
      return scan;
    }
  }
  if (note.generated && note.generated->range.begin < note.generated->range.end &&
      note.generated->range.end <= text.size())
    scan.section = note.generated->range;
  return scan;
}

SpliceResult splice_backlinks(std::string_view text, const std::vector<std::string>& body_lines) {
  return splice_backlinks(text, body_lines, find_backlinks_section(text));
}

SpliceResult splice_backlinks(std::string_view text, const std::vector<std::string>& body_lines,
                              const SectionScan& scan) {
  SpliceResult result;
  if (scan.problem) {
    result.text = std::string(text);
    result.problem = scan.problem;
    return result;
  }
  std::string_view eol = dominant_line_ending(text);

  if (!scan.section) {
    result.text = std::string(text);
    if (body_lines.empty()) return result;  // no backlinks, no section: never touched
    if (scan.ends_in_code) {
      // Appended after an unclosed fence, the section would be code: invisible
      // to the next scan, it would be appended again on every run.
      ParseProblem problem;
      problem.code = std::string(code::backlinks_markers);
      problem.message = "the note ends inside an unclosed code block, so no backlinks section can be added";
      auto last_line = text.rfind('\n', text.size() - 1 - (ends_with_line_ending(text) ? 1 : 0));
      problem.range.begin = last_line == std::string_view::npos ? 0 : static_cast<std::uint32_t>(last_line + 1);
      problem.range.end = static_cast<std::uint32_t>(text.size());
      result.problem = std::move(problem);
      return result;
    }
    // The separator is chosen so removal can undo it exactly (see below).
    if (text.empty()) {
      result.text = render_section(body_lines, eol);
      result.text += eol;
    } else if (ends_with_line_ending(text)) {
      result.text += eol;
      result.text += render_section(body_lines, eol);
      result.text += eol;
    } else {
      // No final newline: the note keeps having none, the section ends without one.
      result.text += eol;
      result.text += eol;
      result.text += render_section(body_lines, eol);
    }
    return result;
  }

  std::string_view before = text.substr(0, scan.section->begin);
  std::string_view section = text.substr(scan.section->begin, scan.section->end - scan.section->begin);
  std::string_view after = text.substr(scan.section->end);
  // The end marker line's own line ending (or none at the end of the note) is kept as it was.
  std::string_view trailing_eol = section.substr(drop_line_ending(section).size());

  if (!body_lines.empty()) {
    result.text.reserve(text.size() + 256);
    result.text.append(before);
    result.text += render_section(body_lines, eol);
    result.text.append(trailing_eol);
    result.text.append(after);
    return result;
  }

  // Removal. A section at the very end was appended after a separator, which
  // goes with it: one blank line (eol) when the note ended with a newline, two
  // line endings after a note without one (recognisable because the section
  // then ends without a line ending). The note's dominant line ending is the
  // one the separator was written with: adding more of it cannot change which
  // ending dominates.
  if (after.empty()) {
    if (trailing_eol.empty()) {
      std::string separator = std::string(eol) + std::string(eol);
      if (before.ends_with(separator)) before.remove_suffix(separator.size());
    } else if (before.size() > eol.size() && before.ends_with(eol) &&
               ends_with_line_ending(before.substr(0, before.size() - eol.size()))) {
      before.remove_suffix(eol.size());
    }
  }
  result.text.append(before);
  result.text.append(after);
  return result;
}

std::string text_outside_section(std::string_view text, const SectionScan& scan) {
  std::string outside(text);
  if (scan.section) outside.erase(scan.section->begin, scan.section->end - scan.section->begin);
  return outside;
}

}  // namespace vaultlink
