#include "cursor.hpp"

#include "rpc_dispatcher.hpp"

namespace vaultlink::lsp {

Cursor cursor_of(const Workspace& workspace, const nlohmann::json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  auto text = workspace.text_of_uri(uri);
  if (!text) throw RpcError(rpc_error::request_failed, "cannot read " + uri);
  const std::size_t offset = text->lines.offset_of(position_from_json(params.at("position")));
  return {std::move(text), offset};
}

nlohmann::json location(const NoteText& text, std::size_t begin, std::size_t end) {
  return {{"uri", text.uri}, {"range", text.lines.range_json(begin, end)}};
}

}  // namespace vaultlink::lsp
