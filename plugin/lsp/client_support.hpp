#pragma once
// What the client said it can do in initialize, reduced to the choices the
// server makes from it: the position encoding, the shape of WorkspaceEdits,
// whether it answers workspace/configuration.
#include <nlohmann/json.hpp>

#include "text_positions.hpp"

namespace vaultlink::lsp {

struct ClientSupport {
  PositionEncoding encoding = PositionEncoding::utf16;
  bool document_changes = false;  // workspace.workspaceEdit.documentChanges
  bool rename_files = false;      // workspace.workspaceEdit.resourceOperations lists "rename"
  bool configuration = false;     // workspace.configuration: it answers workspace/configuration
  bool prepare_rename = false;    // textDocument.rename.prepareSupport
  bool watched_files_registration = false;  // workspace.didChangeWatchedFiles.dynamicRegistration
};

// Reads ClientCapabilities; missing or mistyped fields mean "not supported".
// The encoding is UTF-16 (LSP's default, which every client supports) unless
// general.positionEncodings leaves it out and lists UTF-8 or UTF-32.
ClientSupport client_support(const nlohmann::json& capabilities);

}  // namespace vaultlink::lsp
