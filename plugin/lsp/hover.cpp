// textDocument/hover: a preview of what the link under the cursor opens: the
// start of the note, the heading's section, or the block's line.
#include <algorithm>

#include "features.hpp"
#include "link_targets.hpp"

namespace vaultlink::lsp {
namespace {

constexpr std::uint32_t kPreviewLines = 20;

// At most kPreviewLines lines of text from byte `begin` up to byte `end`.
std::string excerpt(const NoteText& text, std::size_t begin, std::size_t end) {
  const std::uint32_t first = text.lines.position_of(begin).line;
  const std::uint32_t last = first + kPreviewLines;
  end = std::min(end, text.lines.line_start(last));
  std::string preview = text.text.substr(begin, std::max(begin, end) - begin);
  while (!preview.empty() && (preview.back() == '\n' || preview.back() == '\r')) preview.pop_back();
  if (end < text.text.size() && end == text.lines.line_start(last)) preview += "\n\n…";
  return preview;
}

std::string preview_of(const Target& target) {
  const NoteText& text = *target.text;
  const Note& note = text.note;
  if (target.heading) return excerpt(text, note.headings[*target.heading].range.begin, note.section_end(*target.heading));
  if (target.block) {
    const auto line = text.lines.position_of(note.block_ids[*target.block].range.begin).line;
    return excerpt(text, text.lines.line_start(line), text.lines.line_end(line));
  }
  const std::size_t body = note.frontmatter.present ? note.frontmatter.range.end : 0;
  return excerpt(text, body, text.text.size());
}

}  // namespace

nlohmann::json hover(const Workspace& workspace, const nlohmann::json& params) {
  const auto under_cursor = link_under_cursor(workspace, params);
  if (!under_cursor) return nullptr;
  const Target& target = under_cursor->target;
  std::string value = "`" + target.path + "`";
  if (target.text) value += "\n\n---\n\n" + preview_of(target);
  const ByteRange link = under_cursor->link->range;
  return {{"contents", {{"kind", "markdown"}, {"value", value}}},
          {"range", under_cursor->cursor.text->lines.range_json(link.begin, link.end)}};
}

}  // namespace vaultlink::lsp
