// The index cache file: reading it defensively, writing it atomically.
//
// Reading trusts nothing it has not checked: the checksum covers every byte
// after the header and is verified before any entry is decoded, and every
// note must decode completely, so a truncated, damaged or half-written file
// (or one from another build) gives an empty cache, never part of one.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <system_error>

#include "note_cache_wire.hpp"
#include "parallel.hpp"
#include "vaultlink/note_cache.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

constexpr std::string_view kMagic = "VLNCACHE";
// Bumped when the layout in note_cache.hpp changes (the fingerprint already
// covers changes to the Note model and the parser).
constexpr std::uint32_t kFormatVersion = 1;
// Written in native order: a file from a machine of the other byte order
// fails this check instead of decoding into nonsense.
constexpr std::uint32_t kByteOrderMark = 0x01020304;
constexpr std::size_t kHeaderSize = kMagic.size() + 2 * sizeof(std::uint32_t) + sizeof(std::uint64_t);

struct RawEntry {
  std::string_view path;
  CacheStamp stamp;
  std::string_view note;
};

CacheStamp get_stamp(wire::Reader& in) {
  CacheStamp stamp;
  stamp.file.size = in.get<std::uint64_t>();
  stamp.file.mtime_ns = in.get<std::int64_t>();
  stamp.ctime_ns = in.get<std::int64_t>();
  stamp.inode = in.get<std::uint64_t>();
  return stamp;
}

void put_stamp(std::string& out, const CacheStamp& stamp) {
  wire::put(out, stamp.file.size);
  wire::put(out, stamp.file.mtime_ns);
  wire::put(out, stamp.ctime_ns);
  wire::put(out, stamp.inode);
}

// The entries of a verified body, still encoded; nullopt when the body is not
// exactly what encode_note_cache writes for `key`.
std::optional<std::vector<RawEntry>> split_body(std::string_view body, const NoteCacheKey& key) {
  wire::Reader in(body);
  if (in.get_string() != key.fingerprint || in.get<std::uint64_t>() != key.max_note_bytes) return std::nullopt;
  std::vector<RawEntry> entries(in.get_count());
  for (auto& entry : entries) {
    entry.path = in.get_string();
    entry.stamp = get_stamp(in);
    entry.note = in.get_string();
  }
  if (!in.at_end()) return std::nullopt;
  return entries;
}

}  // namespace

std::optional<CacheStamp> cache_stamp_of(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  CacheStamp stamp;
  // The same fields and units as read_file's FileStamp, so the two compare.
  stamp.file.size = static_cast<std::uint64_t>(info.st_size);
  stamp.file.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  stamp.ctime_ns = static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
  stamp.inode = static_cast<std::uint64_t>(info.st_ino);
  return stamp;
}

std::string ensure_state_folder(const fs::path& folder) {
  // Only the user reads their notes' parsed contents: 0700 (and 0600 for the
  // cache). A folder someone made already keeps its mode: theirs to choose.
  if (::mkdir(folder.c_str(), 0700) != 0) {
    const int error = errno;
    std::error_code ignored;
    if (error != EEXIST || !fs::is_directory(folder, ignored))
      return "cannot create " + folder.string() + ": " + std::generic_category().message(error);
  }
  // The folder ignores itself, so not even a plain `git add -A` commits it
  // (vaultlink's own commits skip it through gitIgnoredPaths). Written when
  // missing from a folder that exists too: a process killed between the
  // mkdir and this write left the folder without it, and git status then
  // listed the folder as untracked.
  const fs::path ignore = folder / ".gitignore";
  struct stat info {};
  if (::lstat(ignore.c_str(), &info) != 0 && errno == ENOENT)
    atomic_write(ignore, "# vaultlink's state: never committed\n*\n");
  return "";
}

fs::path note_cache_path(const fs::path& vault_root) { return vault_root / kStateFolder / "index.cache"; }

std::string encode_note_cache(const NoteCacheKey& key, const std::vector<NoteCacheEntry>& entries) {
  std::string body;
  wire::put_string(body, key.fingerprint);
  wire::put(body, key.max_note_bytes);
  wire::put(body, static_cast<std::uint32_t>(entries.size()));
  std::string note;
  for (const auto& entry : entries) {
    wire::put_string(body, entry.path);
    put_stamp(body, entry.stamp);
    note.clear();
    encode_note(*entry.note, note);
    wire::put_string(body, note);
  }
  std::string file(kMagic);
  wire::put(file, kByteOrderMark);
  wire::put(file, kFormatVersion);
  wire::put(file, wire::checksum(body));
  return file + body;
}

NoteCache NoteCache::decode(std::string_view bytes, const NoteCacheKey& key) {
  wire::Reader header(bytes.substr(0, std::min(bytes.size(), kHeaderSize)));
  if (header.get_bytes(kMagic.size()) != kMagic || header.get<std::uint32_t>() != kByteOrderMark ||
      header.get<std::uint32_t>() != kFormatVersion)
    return {};
  const auto expected_checksum = header.get<std::uint64_t>();
  if (!header.at_end()) return {};
  const std::string_view body = bytes.substr(kHeaderSize);
  if (wire::checksum(body) != expected_checksum) return {};
  auto raw = split_body(body, key);
  if (!raw) return {};

  // Decoding is most of the work of a warm start after the stats: both cores.
  std::vector<std::shared_ptr<const Note>> notes(raw->size());
  std::atomic<bool> all_valid{true};
  parallel_for(raw->size(), [&](std::size_t i) {
    auto note = decode_note((*raw)[i].note);
    if (!note || note->path != (*raw)[i].path || note->size != (*raw)[i].stamp.file.size) {
      all_valid = false;
      return;
    }
    notes[i] = std::make_shared<const Note>(std::move(*note));
  });
  if (!all_valid) return {};

  NoteCache cache;
  cache.entries_.reserve(raw->size());
  for (std::size_t i = 0; i < raw->size(); ++i) {
    const RawEntry& entry = (*raw)[i];
    std::string path(entry.path);
    cache.entries_.insert_or_assign(path, NoteCacheEntry{path, entry.stamp, std::move(notes[i])});
  }
  return cache;
}

NoteCache NoteCache::read(const fs::path& file, const NoteCacheKey& key) {
  // The cache is an optimisation: a missing or unreadable file is no error.
  ReadResult read = read_file(file, std::uint64_t{1} << 32);
  if (!read.ok()) return {};
  return decode(read.bytes, key);
}

std::shared_ptr<const Note> NoteCache::find(std::string_view path, const CacheStamp& stamp) const {
  auto found = entries_.find(std::string(path));
  if (found == entries_.end() || !(found->second.stamp == stamp)) return nullptr;
  return found->second.note;
}

WriteResult write_note_cache(const fs::path& file, const NoteCacheKey& key,
                             const std::vector<NoteCacheEntry>& entries) {
  if (std::string problem = ensure_state_folder(file.parent_path()); !problem.empty()) return {false, problem};
  // atomic_write keeps an existing file's mode, so create the file as 0600
  // first; the rename then replaces it with a file of that mode.
  const int created = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (created >= 0) ::close(created);
  return atomic_write(file, encode_note_cache(key, entries));
}

}  // namespace vaultlink
