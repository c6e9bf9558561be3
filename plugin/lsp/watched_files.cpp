#include "watched_files.hpp"

namespace vaultlink::lsp {

ChangeBatch change_batch_from(const Workspace& workspace, const nlohmann::json& params) {
  ChangeBatch batch;
  for (const auto& event : params.at("changes")) {
    auto path = workspace.path_of(event.at("uri").get_ref<const std::string&>());
    if (!path) continue;
    const int type = event.at("type").get<int>();  // FileChangeType: 1 created, 2 changed, 3 deleted
    const auto kind = type == 1 ? FileChange::Kind::created : type == 3 ? FileChange::Kind::removed : FileChange::Kind::modified;
    batch.changes.push_back({kind, std::move(*path), {}});
  }
  return batch;
}

}  // namespace vaultlink::lsp
