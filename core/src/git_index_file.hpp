#pragma once
// git's index file (.git/index), read and written by vaultlink itself.
//
// Why not libgit2's git_index: a one-note commit in a 10,000-note vault needs
// the index's stat data once and three entries changed, but libgit2 allocates
// every entry, sorts them, and hashes the 1.4 MB file twice with its
// collision-detecting SHA-1 (~14 ms of a ~70 ms commit; issue #4 asks for
// half of git's time). Here the file is kept as read: entries are views into
// it, a changed entry is one new record, and writing is one concatenation and
// one SHA-1 (OpenSSL's, which libgit2's ssh support already loads here).
//
// Only what git writes by default is handled: versions 2 and 3 without
// extended flags, and the TREE and REUC extensions. Anything else
// (version 4's compressed paths, a split or sparse index, intent-to-add or
// skip-worktree entries, the trailing checksum left out) is refused with a
// reason, and the caller goes libgit2's way.
#include <git2/oid.h>
#include <sys/stat.h>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaultlink::gitx {

// One entry, as the file stores it: big-endian fields, then the path.
class IndexRecord {
 public:
  explicit IndexRecord(std::string_view bytes, std::string_view path) : bytes_(bytes), path_(path) {}

  std::string_view path() const { return path_; }
  std::string_view bytes() const { return bytes_; }  // the whole record, padding included
  std::uint32_t ctime_seconds() const { return field(0); }
  std::uint32_t ctime_nanoseconds() const { return field(1); }
  std::uint32_t mtime_seconds() const { return field(2); }
  std::uint32_t mtime_nanoseconds() const { return field(3); }
  std::uint32_t ino() const { return field(5); }
  std::uint32_t mode() const { return field(6); }
  std::uint32_t file_size() const { return field(9); }
  git_oid id() const;
  std::uint16_t flags() const;
  int stage() const { return (flags() >> 12) & 3; }
  bool assume_valid() const { return (flags() & 0x8000) != 0; }

 private:
  std::uint32_t field(int index) const;

  std::string_view bytes_, path_;
};

class GitIndexFile {
 public:
  // Reads `file` as it is now. nullopt (with `*why_not` set) when the file is
  // missing, damaged, or uses a feature this reader leaves to libgit2.
  static std::optional<GitIndexFile> read(const std::filesystem::path& file, std::string* why_not);

  GitIndexFile(GitIndexFile&&) = default;
  GitIndexFile& operator=(GitIndexFile&&) = default;
  GitIndexFile(const GitIndexFile&) = delete;
  GitIndexFile& operator=(const GitIndexFile&) = delete;

  const std::vector<IndexRecord>& records() const { return records_; }
  // The trailing SHA-1 of the file as read, or as last serialized.
  const git_oid& checksum() const { return checksum_; }
  // The file's modification time when it was read: entries modified at or
  // after it may be "racily clean" (git's Documentation/technical/racy-git.txt).
  const timespec& modified() const { return modified_; }

  // The stage-0 record of `path`, or nullptr.
  const IndexRecord* find(std::string_view path) const;
  // True when a record's path starts with `prefix`.
  bool has_below(std::string_view prefix) const;

  // Sets `path` (stage 0) to blob `id` with `mode` and the stat data of
  // `info`, adding the record when the path is new.
  void set(std::string_view path, const git_oid& id, std::uint32_t mode, const struct stat& info);
  // Removes every record of `path`.
  void remove(std::string_view path);

  // The whole file as git expects it, checksum included; checksum() becomes its.
  std::string serialized();

 private:
  // One cached tree of the TREE extension: "<name>\0<entries> <subtrees>\n"
  // and, when valid, the tree's 20-byte id.
  struct TreeNode {
    std::string path;  // "" for the root, else "a/b/"
    std::string_view name, entries, subtrees, id;  // as read; entries "-1" and no id when invalid
    bool invalid() const { return entries.starts_with('-'); }
  };

  GitIndexFile() = default;
  bool parse_entries(std::size_t count, std::size_t& at, std::string* why_not);
  bool parse_extensions(std::size_t at, std::size_t end, std::string* why_not);
  bool parse_tree(std::string_view data, std::string* why_not);
  // Marks the cached trees of every folder above `path` as out of date.
  void invalidate_trees_above(std::string_view path);
  std::vector<IndexRecord>::iterator lower_bound(std::string_view path);

  // The file as read; records, tree nodes and REUC are views into it, so
  // its buffer must stay where it is when the GitIndexFile moves.
  std::unique_ptr<const std::string> bytes_;
  std::deque<std::string> new_bytes_;  // records and paths made since (a deque: views into it stay valid)
  std::uint32_t version_ = 0;
  std::vector<IndexRecord> records_;
  std::vector<TreeNode> tree_;  // the TREE extension in file order; empty when there was none
  std::string_view resolve_undo_;  // the REUC extension, whole, kept as it is
  git_oid checksum_{};
  timespec modified_{};
};

}  // namespace vaultlink::gitx
