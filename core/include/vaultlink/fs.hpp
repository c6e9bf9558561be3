#pragma once
// File access with the guarantees notes need: bounded reads, atomic writes.
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

// True when `candidate` (after resolving symlinks) lies inside `root`.
bool is_inside(const std::filesystem::path& root, const std::filesystem::path& candidate);

}  // namespace vaultlink
