// Generated backlinks sections.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"
#include "vaultlink/backlinks.hpp"

using namespace vaultlink::abi;

namespace {

nlohmann::json outcomes_json(const std::vector<vaultlink::BacklinksOutcome>& outcomes) {
  using Status = vaultlink::BacklinksOutcome::Status;
  nlohmann::json changed = nlohmann::json::array(), problems = nlohmann::json::array();
  std::size_t unchanged = 0;
  for (const auto& outcome : outcomes) {
    if (outcome.status == Status::unchanged) {
      ++unchanged;
    } else if (outcome.status == Status::updated) {
      changed.push_back(outcome.path);
    } else {
      nlohmann::json problem = {{"path", outcome.path},
                                {"status", std::string(vaultlink::to_string(outcome.status))},
                                {"message", outcome.message}};
      if (outcome.line != 0) problem["line"] = outcome.line;
      problems.push_back(std::move(problem));
    }
  }
  return {{"changed", std::move(changed)}, {"problems", std::move(problems)}, {"unchanged", unchanged}};
}

}  // namespace

extern "C" {

VL_EXPORT int vl_vault_backlinks_update(char** out_json, vl_vault* vault, const vl_backlinks_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    require_known_version(options, VL_BACKLINKS_OPTIONS_VERSION, "vl_backlinks_options");
    std::lock_guard lock(vault->mutex);
    std::vector<std::string> only;
    vaultlink::BacklinksOptions update_options;
    if (options != nullptr) {
      if (options->path_count > 0) require(options->paths, "options->paths");
      for (std::size_t i = 0; i < options->path_count; ++i)
        only.push_back(vault_relative(*vault, require(options->paths[i], "options->paths[i]")));
      update_options.check_only = options->check_only != 0;
    }
    // Sections are rendered from the index: it must describe the files as
    // they are now, unless a watcher keeps it so.
    if (options == nullptr || options->version < 2 || options->reread != 0) reload(*vault);
    else ensure_read(*vault);
    *out_json = to_c_string(outcomes_json(vaultlink::update_backlinks(current_vault(*vault), only, update_options)).dump());
    return VL_OK;
  });
}

}
