// What makes this build's parse of a note what it is: the engine's sources
// (hashed at build time) and the parsing libraries actually loaded, which a
// system upgrade can change without rebuilding vaultlink. (yaml-cpp has no
// version query; its upgrades come with a rebuild on Debian's soname bumps.)
#include <cmark-gfm.h>
#include <utf8proc.h>

#include "source_fingerprint.hpp"
#include "vaultlink/note_cache.hpp"

namespace vaultlink {

std::string build_fingerprint() {
  return std::string(VAULTLINK_SOURCE_FINGERPRINT) + " cmark-gfm " + cmark_version_string() + " utf8proc " +
         utf8proc_version();
}

NoteCacheKey note_cache_key(std::uint64_t max_note_bytes) { return {build_fingerprint(), max_note_bytes}; }

}  // namespace vaultlink
