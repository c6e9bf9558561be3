// Committing and syncing the vault with git.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_commit(char** out_json, vl_vault* vault, const vl_commit_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    if (options != nullptr && (options->version == 0 || options->version > VL_COMMIT_OPTIONS_VERSION)) {
      throw AbiError{VL_EINVALID, "unknown vl_commit_options version " + std::to_string(options->version)};
    }
    // The git layer (core/git.hpp) has not landed in this build.
    return fail(VL_ENOTSUPPORTED, "git commit is not supported by this build of libvaultlink yet");
  });
}

VL_EXPORT int vl_vault_sync(char** out_json, vl_vault* vault, const vl_sync_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    if (options != nullptr && (options->version == 0 || options->version > VL_SYNC_OPTIONS_VERSION)) {
      throw AbiError{VL_EINVALID, "unknown vl_sync_options version " + std::to_string(options->version)};
    }
    return fail(VL_ENOTSUPPORTED, "git sync is not supported by this build of libvaultlink yet");
  });
}

}
