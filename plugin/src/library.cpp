// Identity of the library: ABI version, version, manifest.
#include "vaultlink.h"
#include "vaultlink/manifest.hpp"
#include "vaultlink/settings.hpp"

#include <string>

namespace {

// embedded_manifest() is a view of a NUL-terminated static array (see
// manifest/embedded_manifest.cpp.in), so its data() is a valid C string.
const char* manifest_text() { return vaultlink::embedded_manifest().data(); }

// Built once, on first use (thread-safe), and kept for the process: the
// schema is derived from the embedded manifest, so it never changes.
const char* settings_schema_text() noexcept {
  static const std::string text = []() noexcept {
    try {
      return vaultlink::settings_json_schema().dump(2) + "\n";
    } catch (...) {
      return std::string();  // out of memory at first use: an empty text, never a throw into C
    }
  }();
  return text.c_str();
}

}  // namespace

extern "C" {

VL_EXPORT int vl_abi_version(void) { return VL_ABI_VERSION; }

VL_EXPORT const char* vl_version(void) { return VAULTLINK_VERSION; }

VL_EXPORT const char* vl_manifest(void) { return manifest_text(); }

VL_EXPORT const char* vl_settings_schema(void) { return settings_schema_text(); }

}
