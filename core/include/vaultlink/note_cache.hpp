#pragma once
// The persistent index cache: every parsed note of a vault, keyed by its path
// and its file's stamp, kept in the vault's state folder so that the next
// start re-parses only the notes that changed.
//
// File layout, in native byte order:
//   magic "VLNCACHE", u32 0x01020304 (a byte-order check), u32 format
//   version, u64 checksum of everything after it; then string build
//   fingerprint, u64 maxNoteBytes, u32 entry count, and per entry: string
//   path, u64 size, i64 mtime_ns, i64 ctime_ns, u64 inode, string encoded
//   Note (encode_note).
// Strings are a u32 length and bytes. A file that is short, long, corrupt,
// from another build or written for another maxNoteBytes is treated as absent.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaultlink/fs.hpp"
#include "vaultlink/note.hpp"

namespace vaultlink {

// What a cached note is valid for. The ctime and inode catch what size and
// mtime alone miss: a file replaced by a copy that kept the old mtime (rsync
// -t, cp -p, sync tools) gets a new ctime and usually a new inode.
struct CacheStamp {
  FileStamp file;  // size and mtime_ns, as read_file reports them
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  friend bool operator==(const CacheStamp&, const CacheStamp&) = default;
};

// stat() of `file` (following symlinks, as read_file does); nullopt when it
// cannot be inspected or is not a regular file.
std::optional<CacheStamp> cache_stamp_of(const std::filesystem::path& file);

// Everything besides the file's stamp that decides what parse_note returns.
struct NoteCacheKey {
  std::string fingerprint;  // this build's parser (sources, cmark-gfm, utf8proc)
  std::uint64_t max_note_bytes = 0;
  friend bool operator==(const NoteCacheKey&, const NoteCacheKey&) = default;
};

// The running build's fingerprint: a hash of the engine's sources made at
// build time, and the versions of the parsing libraries loaded at run time.
std::string build_fingerprint();
NoteCacheKey note_cache_key(std::uint64_t max_note_bytes);

// The Note wire format (every field). decode_note returns nullopt for bytes
// that are not exactly one encoded note or describe an impossible note
// (a range beyond its size, unsorted line starts, an unknown enum value).
void encode_note(const Note& note, std::string& out);
std::optional<Note> decode_note(std::string_view bytes);

struct NoteCacheEntry {
  std::string path;  // vault-relative
  CacheStamp stamp;
  std::shared_ptr<const Note> note;
};

// A cache file's contents, read whole and decoded before any entry is used.
class NoteCache {
 public:
  NoteCache() = default;
  // The cache in `file`, or an empty one when it is absent or cannot be trusted.
  static NoteCache read(const std::filesystem::path& file, const NoteCacheKey& key);
  static NoteCache decode(std::string_view bytes, const NoteCacheKey& key);

  // The note cached for `path` when it was cached with exactly `stamp`.
  std::shared_ptr<const Note> find(std::string_view path, const CacheStamp& stamp) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, NoteCacheEntry> entries_;
};

std::string encode_note_cache(const NoteCacheKey& key, const std::vector<NoteCacheEntry>& entries);

// Writes the cache atomically (temp file, fsync, rename) as `file`, creating
// its folder with mode 0700 and the file with mode 0600.
WriteResult write_note_cache(const std::filesystem::path& file, const NoteCacheKey& key,
                             const std::vector<NoteCacheEntry>& entries);

// The vault's state folder and the cache file in it.
inline constexpr std::string_view kStateFolder = ".vaultlink";
std::filesystem::path note_cache_path(const std::filesystem::path& vault_root);
// Creates the state folder (mode 0700) when it is missing, and its .gitignore
// that ignores it when that is missing; returns why the folder cannot be
// created, or "" when it exists.
std::string ensure_state_folder(const std::filesystem::path& folder);

}  // namespace vaultlink
