// The check behind splice_backlinks_verified (backlinks.hpp): a spliced note
// is parsed again when something in it could hide the new section from the
// parser, and refused when the parser would not see exactly that section.
#include <algorithm>
#include <cctype>
#include <string>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/diagnostic.hpp"
#include "vaultlink/parse.hpp"

namespace vaultlink {

namespace {

bool contains_case_insensitive(std::string_view text, std::string_view lower_needle) {
  auto found = std::search(text.begin(), text.end(), lower_needle.begin(), lower_needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return found != text.end();
}

// CommonMark HTML blocks of kinds 1-5 (<script, <pre, <style, <textarea,
// comments, <?...?>, <!X...>, CDATA) run past blank lines to their own end
// condition, so one left open before the section swallows its start marker.
bool may_open_long_html_block(std::string_view text) {
  if (text.find("<!") != std::string_view::npos || text.find("<?") != std::string_view::npos) return true;
  for (std::string_view tag : {"<script", "<pre", "<style", "<textarea"})
    if (contains_case_insensitive(text, tag)) return true;
  return false;
}

// Body lines come from render_backlinks: bullets whose text is a wikilink,
// and a heading taken from the settings as the user wrote it.
bool body_may_change_blocks(const std::vector<std::string>& body_lines) {
  return std::any_of(body_lines.begin(), body_lines.end(), [](const std::string& line) {
    return line.find_first_of("<`~") != std::string::npos || line.find("---") != std::string::npos ||
           line.find("...") != std::string::npos;
  });
}

}  // namespace

SpliceResult splice_backlinks_verified(std::string_view text, const std::vector<std::string>& body_lines,
                                       const SectionScan& scan) {
  SpliceResult spliced = splice_backlinks(text, body_lines, scan);
  if (spliced.problem || spliced.text == text || body_lines.empty()) return spliced;

  // Replacing a section the parser already sees is safe unless something can
  // swallow it; a new section is always checked (fuzzing found a note where
  // an appended one went unseen without any of those signs).
  if (scan.section && !may_open_long_html_block(text_outside_section(text, scan)) && !body_may_change_blocks(body_lines))
    return spliced;

  const Note reparsed = parse_note_markers(spliced.text);
  const SectionScan seen = section_scan_of(reparsed, spliced.text);
  if (!seen.problem && seen.section && splice_backlinks(spliced.text, body_lines, seen).text == spliced.text)
    return spliced;

  ParseProblem problem;
  problem.code = std::string(code::backlinks_markers);
  problem.message =
      "a backlinks section added here would not be recognised (the note ends inside an unclosed HTML block or "
      "comment, or the backlinksHeading setting holds Markdown that opens a block); the note was left alone";
  const std::uint32_t at = scan.section ? scan.section->begin : static_cast<std::uint32_t>(text.size());
  problem.range = {at, at};
  return SpliceResult{std::string(text), std::move(problem)};
}

}  // namespace vaultlink
