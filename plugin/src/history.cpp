// A note's history in git, and restoring one of its versions.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"
#include "vaultlink/git.hpp"

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_note_log(char** out_json, vl_vault* vault, const char* path, const vl_log_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(path, "path");
    require_known_version(options, VL_LOG_OPTIONS_VERSION, "vl_log_options");
    std::lock_guard lock(require(vault, "vault")->mutex);
    // A note that is gone now still has a history: the path need not exist.
    const std::string note = vault_relative(*vault, path);
    nlohmann::json revisions = nlohmann::json::array();
    for (const auto& revision : vaultlink::note_history(vault->root, note, options ? options->limit : 0)) {
      revisions.push_back({{"commit", revision.commit_id},
                           {"path", revision.path},
                           {"author", revision.author},
                           {"email", revision.email},
                           {"time", revision.time},
                           {"summary", revision.summary}});
    }
    *out_json = to_c_string(nlohmann::json{{"revisions", std::move(revisions)}}.dump());
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_restore(char** out_json, vl_vault* vault, const char* path, const char* revision) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(path, "path");
    require(revision, "revision");
    std::lock_guard lock(require(vault, "vault")->mutex);
    const auto restored = vaultlink::restore_note(vault->root, vault_relative(*vault, path), revision);
    *out_json = to_c_string(nlohmann::json{{"commit", restored.commit_id},
                                           {"source_path", restored.source_path},
                                           {"changed", restored.changed}}
                                .dump());
    return VL_OK;
  });
}

}
