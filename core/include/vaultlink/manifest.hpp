#pragma once
// The plugin manifest (manifest/manifest.json), embedded at build time.
#include <string_view>

namespace vaultlink {
// The manifest's bytes exactly as they are in manifest/manifest.json.
std::string_view embedded_manifest();
}  // namespace vaultlink
