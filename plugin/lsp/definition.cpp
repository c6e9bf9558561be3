// textDocument/definition: a link leads to its note, heading or block.
#include "features.hpp"
#include "link_targets.hpp"

namespace vaultlink::lsp {

nlohmann::json definition(const Workspace& workspace, const nlohmann::json& params) {
  const auto under_cursor = link_under_cursor(workspace, params);
  if (!under_cursor) return nullptr;
  const Target* target = &under_cursor->target;
  if (!target->text) return {{"uri", workspace.uri_of(target->path)}, {"range", workspace.lines_of("").range_json(0, 0)}};
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
