// Identity of the library: ABI version, version, manifest.
#include "vaultlink.h"
#include "vaultlink/manifest.hpp"

namespace {

// embedded_manifest() is a view of a NUL-terminated static array (see
// manifest/embedded_manifest.cpp.in), so its data() is a valid C string.
const char* manifest_text() { return vaultlink::embedded_manifest().data(); }

}  // namespace

extern "C" {

VL_EXPORT int vl_abi_version(void) { return VL_ABI_VERSION; }

VL_EXPORT const char* vl_version(void) { return VAULTLINK_VERSION; }

VL_EXPORT const char* vl_manifest(void) { return manifest_text(); }

}
