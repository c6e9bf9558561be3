// Opening and closing vaults.
#include <memory>
#include <system_error>

#include "abi_error.hpp"
#include "progress_relay.hpp"
#include "vault_handle.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink::abi {

Vault load_vault(const vl_vault& handle, const ProgressFn& progress) {
  return Vault::load(handle.root, Settings::load(handle.root, handle.host_settings),
                     LoadOptions{progress, handle.use_cache});
}

void reload(vl_vault& handle) {
  if (handle.watch) return;
  // Built beside the old one: when loading fails (a settings file with a
  // typo, the folder gone) the handle keeps the vault it had.
  Session fresh(load_vault(handle));
  handle.session.reset();
  handle.session.emplace(std::move(fresh));
}

std::string vault_relative(const vl_vault& handle, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path given(path);
  const fs::path full = fs::weakly_canonical(given.is_absolute() ? given : handle.root / given, error);
  if (error) throw AbiError{VL_EINVALID, "cannot resolve the path '" + path + "': " + error.message()};
  const fs::path relative = full.lexically_relative(handle.root);
  if (relative.empty() || relative == "." || *relative.begin() == "..") {
    throw AbiError{VL_EINVALID, "'" + path + "' is not a file inside the vault " + handle.root.string()};
  }
  return relative.generic_string();
}

}  // namespace vaultlink::abi

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_open(vl_vault** out, const char* path, const char* settings_json) {
  return vl_vault_open_ex(out, path, settings_json, nullptr);
}

VL_EXPORT int vl_vault_open_ex(vl_vault** out, const char* path, const char* settings_json,
                               const vl_open_options* options) {
  if (out != nullptr) *out = nullptr;
  return guarded([&] {
    require(out, "out");
    require(path, "path");
    require_known_version(options, VL_OPEN_OPTIONS_VERSION, "vl_open_options");
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      throw AbiError{VL_ENOTFOUND, std::string("no vault folder at '") + path + "'"};
    }
    auto handle = std::make_unique<vl_vault>();
    handle->root = fs::canonical(path);
    if (settings_json != nullptr && *settings_json != '\0') {
      handle->host_settings = nlohmann::json::parse(settings_json);
      if (!handle->host_settings.is_object()) {
        throw AbiError{VL_EINVALID, "the host settings must be a JSON object, not " +
                                        std::string(handle->host_settings.type_name())};
      }
    } else {
      handle->host_settings = nlohmann::json::object();
    }
    if (options != nullptr) handle->use_cache = options->use_cache != 0;
    if (options != nullptr && options->defer_read != 0) {
      vaultlink::Settings::load(handle->root, handle->host_settings);  // a settings error is the open's
    } else if (options != nullptr && options->progress != nullptr) {
      handle->session.emplace(load_reporting_progress(
          [&](const vaultlink::ProgressFn& progress) { return load_vault(*handle, progress); },
          [&](std::size_t done, std::size_t total) { options->progress(done, total, options->progress_data); }));
    } else {
      reload(*handle);
    }
    *out = handle.release();
    return VL_OK;
  });
}

VL_EXPORT void vl_vault_close(vl_vault* vault) {
  guarded([&] {
    if (vault == nullptr) return VL_OK;
    vault->watch.reset();  // joins the watch thread before what it uses goes
    delete vault;
    return VL_OK;
  });
}

}
