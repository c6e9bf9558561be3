// Committing and syncing the vault with git.
#include <mutex>
#include <optional>

#include "abi_error.hpp"
#include "vault_handle.hpp"
#include "vaultlink/auto_commit.hpp"
#include "vaultlink/git.hpp"
#include "vaultlink/settings.hpp"

using namespace vaultlink::abi;

namespace {

std::string_view outcome_name(vaultlink::CommitOutcome outcome) {
  switch (outcome) {
    case vaultlink::CommitOutcome::committed: return "committed";
    case vaultlink::CommitOutcome::nothing_to_commit: return "nothing_to_commit";
    case vaultlink::CommitOutcome::conflicts_unresolved: return "conflicts_unresolved";
  }
  return "committed";
}

std::string_view merge_name(vaultlink::MergeOutcome merge) {
  switch (merge) {
    case vaultlink::MergeOutcome::no_remote_branch: return "no_remote_branch";
    case vaultlink::MergeOutcome::up_to_date: return "up_to_date";
    case vaultlink::MergeOutcome::fast_forwarded: return "fast_forwarded";
    case vaultlink::MergeOutcome::merged: return "merged";
    case vaultlink::MergeOutcome::conflicts: return "conflicts";
  }
  return "up_to_date";
}

nlohmann::json commit_json(const vaultlink::CommitResult& result) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : result.files) {
    nlohmann::json entry = {{"status", std::string(1, file.status)}, {"path", file.path}};
    if (!file.old_path.empty()) entry["old_path"] = file.old_path;
    files.push_back(std::move(entry));
  }
  nlohmann::json out = {{"committed", result.outcome == vaultlink::CommitOutcome::committed},
                        {"outcome", std::string(outcome_name(result.outcome))},
                        {"files", std::move(files)},
                        {"unresolved", result.unresolved},
                        {"concluded_merge", result.concluded_merge}};
  if (!result.commit_id.empty()) out["id"] = result.commit_id;
  if (!result.message.empty()) out["message"] = result.message;
  return out;
}

vaultlink::CommitOptions commit_options(const char* message_template) {
  vaultlink::CommitOptions options;
  if (message_template != nullptr) options.message_template = message_template;
  return options;
}

// The core's options from the host's, reading only the fields of the version it set.
vaultlink::CommitOptions commit_options(const vl_vault& handle, const vl_commit_options* options) {
  if (options == nullptr) return {};
  vaultlink::CommitOptions out = commit_options(options->message_template);
  if (options->version >= 2 && options->changed_path_count > 0) {
    require(options->changed_paths, "options->changed_paths");
    out.changed_paths.emplace();
    for (std::size_t i = 0; i < options->changed_path_count; ++i)
      out.changed_paths->push_back(vault_relative(handle, require(options->changed_paths[i], "options->changed_paths[i]")));
  }
  return out;
}

// A commit made as the watcher makes them (gitAutoCommit, gitInit); nullopt
// with the reason in `skipped` when the settings or the repository rule it out.
std::optional<vaultlink::CommitResult> auto_commit(const vl_vault& handle, const vaultlink::Settings& settings,
                                                   std::string& skipped) {
  vaultlink::AutoCommitter committer(handle.root, settings);
  if (!committer.enabled()) {
    skipped = committer.disabled_reason();
    return std::nullopt;
  }
  committer.note_unknown_changes(vaultlink::AutoCommitter::Clock::now());
  auto result = committer.flush();
  return result ? result : vaultlink::CommitResult{};  // nothing pending: nothing to commit
}

// The settings as they are on disk now (the vault's file may have changed
// since open), with the host's overrides.
vaultlink::Settings current_settings(const vl_vault& handle) {
  return vaultlink::Settings::load(handle.root, handle.host_settings);
}

}  // namespace

extern "C" {

VL_EXPORT int vl_vault_commit(char** out_json, vl_vault* vault, const vl_commit_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    require_known_version(options, VL_COMMIT_OPTIONS_VERSION, "vl_commit_options");
    std::lock_guard lock(vault->mutex);
    const vaultlink::Settings settings = current_settings(*vault);
    if (options != nullptr && options->version >= 2 && options->if_auto_commit != 0) {
      std::string skipped;
      const auto result = auto_commit(*vault, settings, skipped);
      *out_json = to_c_string((result ? commit_json(*result)
                                      : nlohmann::json{{"committed", false}, {"outcome", "skipped"}, {"skipped", skipped}})
                                  .dump());
      return VL_OK;
    }
    const auto result = vaultlink::commit_vault(vault->root, settings, commit_options(*vault, options));
    *out_json = to_c_string(commit_json(result).dump());
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_sync(char** out_json, vl_vault* vault, const vl_sync_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    require_known_version(options, VL_SYNC_OPTIONS_VERSION, "vl_sync_options");
    std::lock_guard lock(vault->mutex);
    vaultlink::Settings settings = current_settings(*vault);
    if (options != nullptr && options->remote != nullptr) settings.git_remote = options->remote;
    const auto result = vaultlink::sync_vault(
        vault->root, settings,
        commit_options(options != nullptr && options->version >= 2 ? options->message_template : nullptr));
    nlohmann::json out = {{"local_commit", commit_json(result.local_commit)},
                          {"merge", std::string(merge_name(result.merge))},
                          {"pushed", result.pushed},
                          {"conflicted", result.conflicted}};
    if (!result.merge_commit_id.empty()) out["merge_commit_id"] = result.merge_commit_id;
    if (!result.conflict_note.empty())
      out["conflict_note"] = result.conflict_note.is_absolute()
                                 ? result.conflict_note.lexically_relative(vault->root).generic_string()
                                 : result.conflict_note.generic_string();
    *out_json = to_c_string(out.dump());
    return VL_OK;
  });
}

}
