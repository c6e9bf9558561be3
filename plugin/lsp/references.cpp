// textDocument/references: the backlinks of the note, heading or block under
// the cursor (or of the target of the link under it).
#include "cursor.hpp"
#include "features.hpp"
#include "link_targets.hpp"

namespace vaultlink::lsp {

nlohmann::json references(const Workspace& workspace, const nlohmann::json& params) {
  const Cursor cursor = cursor_of(workspace, params);
  TextCache texts(workspace);
  auto subject = subject_at(workspace, texts, *cursor.text, cursor.offset);
  nlohmann::json found = nlohmann::json::array();
  if (!subject) return found;
  const bool include_declaration = params.value("context", nlohmann::json::object()).value("includeDeclaration", false);
  if (include_declaration && subject->heading) {
    const ByteRange line = subject->text->note.headings[*subject->heading].range;
    found.push_back(location(*subject->text, line.begin, line.begin));
  }
  for (const auto& occurrence : links_to(workspace, texts, *subject))
    found.push_back(location(*occurrence.source, occurrence.link->range.begin, occurrence.link->range.end));
  return found;
}

}  // namespace vaultlink::lsp
