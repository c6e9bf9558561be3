#pragma once
// File access with the guarantees notes need: bounded reads, atomic writes.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vaultlink {

struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

struct ReadResult {
  std::string bytes;
  FileStamp stamp;
  std::string error;  // empty on success; otherwise a sentence naming the file
  bool ok() const { return error.empty(); }
};

// The stamp read_file would give the file now (symlinks followed); nullopt
// when it cannot be inspected or is not a regular file.
std::optional<FileStamp> stat_file(const std::filesystem::path& file);

// Reads a regular file; files larger than max_bytes are refused with an error.
ReadResult read_file(const std::filesystem::path& file, std::uint64_t max_bytes);

// Writes all of `bytes` to `fd` at its offset, through short writes and
// EINTR. Returns 0 or an errno value.
int write_all(int fd, std::string_view bytes);

struct WriteResult {
  bool written = false;
  std::string error;  // empty on success
};

// Replaces `file` with `bytes` atomically: a temp file in the same folder,
// fsync, the original mode kept, rename, fsync of the folder. When
// `expected_old` is given, the file is re-read just before the rename and the
// write is abandoned (written=false, no error) if its bytes differ.
// Also: the owner is kept; a file without write permission is refused with an
// error (even for root); a symlink stays a symlink (its target is replaced);
// on any failure the temp file is removed and the original is untouched.
WriteResult atomic_write(const std::filesystem::path& file, std::string_view bytes,
                         std::optional<std::string_view> expected_old = std::nullopt);

// True for the name of a temp file atomic_write creates (".NAME.<random>.vaultlink-tmp",
// in any folder of `path`): one left behind by a killed process is neither a
// note nor something to commit.
bool is_atomic_write_temp(std::string_view path);

// How long a temp file of atomic_write must have been left alone (no write,
// chmod or rename: its ctime) before it counts as a killed process's leftover.
inline constexpr std::chrono::seconds kStaleWriteTempAge{60};

// The suffix of atomic_write's temp files.
inline constexpr std::string_view kTempSuffix = ".vaultlink-tmp";

// NAME, when `name` is exactly a temp file name atomic_write makes for the
// file NAME (".NAME.<16 hex digits>.vaultlink-tmp"); nullopt otherwise.
std::optional<std::string> note_name_of_write_temp(std::string_view name);

// True when `file` is a leftover of atomic_write: its name has exactly the
// temp pattern (".NAME.<16 hex digits>.vaultlink-tmp"), it is a regular file
// (not a symlink) and it has not changed for kStaleWriteTempAge before `now`.
bool is_stale_write_temp(const std::filesystem::path& file,
                         std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
// Removes `file` when is_stale_write_temp. True when it was removed.
bool remove_stale_write_temp(const std::filesystem::path& file,
                             std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
// What became of a temp file of atomic_write the scan met.
enum class WriteLeftover {
  removed,      // a stale leftover whose words its note already holds
  not_stale,    // not (yet) a leftover: a write may be under way; left alone
  holds_words,  // the last copy of words its note lacks (or its note is gone): kept for the user
  unreadable,   // it or its note could not be read; kept
};
// Removes a stale leftover only when its note (NAME beside it) already holds
// all of its text outside the generated section (write_leftover.cpp says
// why); a leftover that is the last copy of some words is kept, and the
// scan reports it on the note. The scan calls this for every temp file it meets.
WriteLeftover settle_write_leftover(const std::filesystem::path& file,
                                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// True when `candidate` (after resolving symlinks) lies inside `root`.
bool is_inside(const std::filesystem::path& root, const std::filesystem::path& candidate);

}  // namespace vaultlink
