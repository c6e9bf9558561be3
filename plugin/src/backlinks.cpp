// Generated backlinks sections.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_backlinks_update(char** out_json, vl_vault* vault, const vl_backlinks_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(vault, "vault");
    if (options != nullptr && (options->version == 0 || options->version > VL_BACKLINKS_OPTIONS_VERSION)) {
      throw AbiError{VL_EINVALID, "unknown vl_backlinks_options version " + std::to_string(options->version)};
    }
    // The backlinks writer (core/backlinks.hpp) has not landed in this build.
    return fail(VL_ENOTSUPPORTED, "backlinks are not supported by this build of libvaultlink yet");
  });
}

}
