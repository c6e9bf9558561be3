#pragma once
// Reading TextDocumentPositionParams and writing Locations.
#include <cstddef>
#include <memory>

#include <nlohmann/json.hpp>

#include "workspace.hpp"

namespace vaultlink::lsp {

struct Cursor {
  std::shared_ptr<const NoteText> text;
  std::size_t offset;  // byte offset of the position in text->text
};

// The note and byte offset a request points at; throws RpcError for a
// document outside the vault or one that cannot be read.
Cursor cursor_of(const Workspace& workspace, const nlohmann::json& params);

nlohmann::json location(const NoteText& text, std::size_t begin, std::size_t end);

}  // namespace vaultlink::lsp
