#pragma once
// workspace/didChangeWatchedFiles params as the engine's ChangeBatch.
#include <nlohmann/json.hpp>

#include "vaultlink/watcher.hpp"
#include "workspace.hpp"

namespace vaultlink::lsp {

// FileEvents outside the vault are left out.
ChangeBatch change_batch_from(const Workspace& workspace, const nlohmann::json& params);

}  // namespace vaultlink::lsp
