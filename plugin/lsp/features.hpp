#pragma once
// The language features, one file each. Every function answers one request
// from its params; positions in params and results are in the negotiated
// position encoding (Workspace::client().encoding).
#include <nlohmann/json.hpp>

#include "diagnostics.hpp"
#include "workspace.hpp"

namespace vaultlink::lsp {

nlohmann::json definition(const Workspace& workspace, const nlohmann::json& params);      // definition.cpp
nlohmann::json references(const Workspace& workspace, const nlohmann::json& params);      // references.cpp
nlohmann::json hover(const Workspace& workspace, const nlohmann::json& params);           // hover.cpp
nlohmann::json completion(const Workspace& workspace, const nlohmann::json& params);      // completion.cpp
nlohmann::json document_symbols(const Workspace& workspace, const nlohmann::json& params);  // document_symbol.cpp
nlohmann::json rename(const Workspace& workspace, const nlohmann::json& params);          // rename.cpp
nlohmann::json prepare_rename(const Workspace& workspace, const nlohmann::json& params);  // rename.cpp
// Quick fixes from the suggestions of the diagnostics the client was sent.
nlohmann::json code_actions(const DiagnosticsPublisher& published, const nlohmann::json& params);  // code_action.cpp

}  // namespace vaultlink::lsp
