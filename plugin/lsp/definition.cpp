// textDocument/definition: a link leads to its note, heading or block.
#include "cursor.hpp"
#include "features.hpp"
#include "link_targets.hpp"

namespace vaultlink::lsp {

nlohmann::json definition(const Workspace& workspace, const nlohmann::json& params) {
  const Cursor cursor = cursor_of(workspace, params);
  const Link* link = link_at(cursor.text->note, cursor.offset);
  if (!link) return nullptr;
  TextCache texts(workspace);
  auto target = resolve_target(workspace, texts, cursor.text->path, *link);
  if (!target) return nullptr;
  if (!target->text) return {{"uri", workspace.uri_of(target->path)}, {"range", LineIndex("").range_json(0, 0)}};
  const Note& note = target->text->note;
  if (target->heading) {
    const ByteRange line = note.headings[*target->heading].range;
    return location(*target->text, line.begin, line.begin);
  }
  if (target->block) {
    const ByteRange marker = note.block_ids[*target->block].range;
    return location(*target->text, marker.begin, marker.end);
  }
  return location(*target->text, 0, 0);
}

}  // namespace vaultlink::lsp
