// Loading a vault's files through the index cache.
//
// When is a cached note safe to reuse? When the file's stamp (size, mtime,
// ctime, inode) is the one it had when the note was parsed. The trap is the
// one git calls "racily clean": a file's times have a granularity (the
// kernel's clock tick on ext4, a second or two on some filesystems), so a
// file written again within the same tick, after we looked at it but with the
// same size, keeps its stamp and would never be re-read. Git guards against
// it by distrusting entries not older than the index file itself. We do the
// same, with the bound taken before the scan rather than after: a marker file
// is created in the state folder before any note is looked at, and its mtime,
// given by the vault's own filesystem (same clock, same granularity, even on
// a network share), is the scan's start. An entry is written to the cache
// only when its mtime and ctime are strictly older than that: any later write
// to the file then gets a time at or after the marker's, so a different stamp.
// Notes too recent to trust are still loaded, just not cached; the next load
// caches them. No margin is guessed and a clock skew between the machine and
// a file server does not matter. (A system clock set backwards between two
// loads can still fool this, as it fools git and make.)
#include "note_cache_loader.hpp"

#include "vault_file_loader.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "vaultlink/parse.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

// The current time on the filesystem of `folder`, as a file created now gets
// it; nullopt when nothing can be created there (a read-only vault).
std::optional<std::int64_t> filesystem_now(const fs::path& folder) {
  std::string name = (folder / ".clock.XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return std::nullopt;
  struct stat info {};
  const bool stated = ::fstat(fd, &info) == 0;
  ::close(fd);
  ::unlink(name.c_str());
  if (!stated) return std::nullopt;
  return static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

}  // namespace

NoteCacheLoader::NoteCacheLoader(fs::path root, const Settings& settings, bool use_cache)
    : root_(std::move(root)), max_note_bytes_(settings.max_note_bytes), use_cache_(use_cache) {
  if (!use_cache_) return;
  key_ = note_cache_key(max_note_bytes_);
  const fs::path file = note_cache_path(root_);
  write_problem_ = ensure_state_folder(file.parent_path());
  if (write_problem_.empty()) {
    trusted_before_ns_ = filesystem_now(file.parent_path());
    if (!trusted_before_ns_) write_problem_ = "cannot create files in " + file.parent_path().string();
  }
  cache_ = NoteCache::read(file, key_);
}

VaultFile NoteCacheLoader::load(std::size_t slot, const std::string& path) {
  VaultFile file;
  file.path = path;
  file.is_note = is_note_path(path);
  if (!file.is_note) return file;
  Loaded& loaded = loaded_[slot];
  loaded.path = path;
  const fs::path on_disk = root_ / path;
  if (use_cache_) {
    loaded.stamp = cache_stamp_of(on_disk);
    if (loaded.stamp) {
      if (auto note = cache_.find(path, *loaded.stamp)) {
        file.stamp = loaded.stamp->file;
        file.note = loaded.note = std::move(note);
        loaded.reused = true;
        return file;
      }
    }
  }
  VaultFile fresh = load_vault_file(root_, path, max_note_bytes_);
  if (!fresh.read_error.empty()) {
    loaded.stamp.reset();  // unreadable files are tried again next time
    return fresh;
  }
  // A file that changed between the stat and the read may not match its stamp.
  if (loaded.stamp && loaded.stamp->file != fresh.stamp) loaded.stamp.reset();
  loaded.note = fresh.note;
  return fresh;
}

LoadStats NoteCacheLoader::finish() {
  LoadStats stats;
  std::vector<NoteCacheEntry> entries;
  bool changed = false;
  for (auto& loaded : loaded_) {
    if (!loaded.note) continue;
    ++(loaded.reused ? stats.notes_reused : stats.notes_parsed);
    if (!loaded.stamp || !trusted_before_ns_) continue;
    // A reused entry passed this test when it was written, against an older marker.
    const bool settled = loaded.stamp->file.mtime_ns < *trusted_before_ns_ && loaded.stamp->ctime_ns < *trusted_before_ns_;
    if (!settled) continue;
    changed = changed || !loaded.reused;
    entries.push_back({std::move(loaded.path), *loaded.stamp, std::move(loaded.note)});
  }
  loaded_.clear();
  // Files deleted since the cache was written leave entries nobody reused.
  changed = changed || entries.size() != cache_.size();
  if (!use_cache_) return stats;
  if (!trusted_before_ns_) {
    stats.cache_problem = write_problem_;
    return stats;
  }
  if (!changed) return stats;
  WriteResult written = write_note_cache(note_cache_path(root_), key_, entries);
  stats.cache_written = written.written;
  stats.cache_problem = written.error;
  return stats;
}

}  // namespace vaultlink
