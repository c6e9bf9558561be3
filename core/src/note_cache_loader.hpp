#pragma once
// One vault load's files: each note is read and parsed, or, when the index
// cache holds it with the file's current stamp, taken from the cache. At the
// end the cache is written back if it no longer matches what was loaded.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vaultlink/index.hpp"
#include "vaultlink/note_cache.hpp"
#include "vaultlink/settings.hpp"
#include "vaultlink/vault.hpp"

namespace vaultlink {

class NoteCacheLoader {
 public:
  // Must be constructed before the vault is scanned: it takes the time from
  // which file stamps can be trusted (see the .cpp).
  NoteCacheLoader(std::filesystem::path root, const Settings& settings, bool use_cache);

  // Makes room for the scanned files; then load(slot) for every slot < count.
  void expect_files(std::size_t count) { loaded_.resize(count); }
  // Slots are independent: different slots may be loaded on different threads at once.
  VaultFile load(std::size_t slot, const std::string& path);

  // Writes the cache back when it changed; returns what the load did.
  LoadStats finish();

 private:
  struct Loaded {
    std::string path;
    std::optional<CacheStamp> stamp;  // set when the note may be cached
    std::shared_ptr<const Note> note;
    bool reused = false;
  };

  std::filesystem::path root_;
  std::uint64_t max_note_bytes_;
  bool use_cache_;
  NoteCacheKey key_;
  NoteCache cache_;
  std::optional<std::int64_t> trusted_before_ns_;  // unset: the cache cannot be written
  std::string write_problem_;
  std::vector<Loaded> loaded_;
};

}  // namespace vaultlink
