#pragma once
// A listing of a folder tree with each file's lstat data, taken on background
// threads from the moment it is constructed.
//
// Why: a one-note commit in a 10,000-note vault spends most of its time
// learning which files changed (a readdir per folder, an lstat per file), and
// that needs no git at all. So the listing starts first and runs while
// libgit2 starts up and reads the index (issue #4). Until the caller knows
// which names it will compare (the index's), every file is lstat'ed; once it
// says (narrow_stats), only those are, so a large folder of files git ignores
// costs a readdir, not an lstat per file.
#include <sys/stat.h>

#include <atomic>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace vaultlink {

// The part of a file's lstat that git's index records (and compares).
struct IndexStat {
  mode_t mode = 0;
  off_t size = 0;
  ino_t ino = 0;
  timespec mtime{}, ctime{};

  static IndexStat of(const struct stat& info) {
    return {info.st_mode, info.st_size, info.st_ino, info.st_mtim, info.st_ctim};
  }
};

struct ListedEntry {
  enum class Stat : unsigned char { not_taken, taken, failed };

  std::uint32_t name_at = 0, name_size = 0;  // in its ListedFolder's names
  IndexStat stat;  // when stat_state is taken
  unsigned char type = 0;  // a dirent d_type; DT_UNKNOWN is resolved with lstat while listing
  Stat stat_state = Stat::not_taken;
};

struct ListedFolder {
  std::string path;  // relative to the root: "" or "a/b/"
  bool holds_git = false;  // has a ".git" entry (not listed among entries)
  std::vector<ListedEntry> entries;  // sorted by name, byte by byte
  // Every entry's name, each followed by a NUL: one buffer per folder, not an
  // allocation per file, as the listing threads share one allocator.
  std::string names;

  std::string_view name(const ListedEntry& entry) const { return {names.data() + entry.name_at, entry.name_size}; }
  const char* c_name(const ListedEntry& entry) const { return names.data() + entry.name_at; }
};

class WorktreeListing {
 public:
  // Which names are still worth an lstat: folder (as in ListedFolder::path) and name.
  using Wanted = std::function<bool(std::string_view folder, std::string_view name)>;

  // Starts listing `root` on background threads. A root that cannot be
  // opened gives an empty listing for which is_root() is false.
  explicit WorktreeListing(const std::filesystem::path& root);
  ~WorktreeListing();  // stops early when not finished, and joins
  WorktreeListing(const WorktreeListing&) = delete;
  WorktreeListing& operator=(const WorktreeListing&) = delete;

  // True when `folder` is the folder this listing started at (same device
  // and inode): paths may name it differently (symlinks, `..`).
  bool is_root(const std::filesystem::path& folder) const;

  // From now on only entries `wanted` accepts are lstat'ed (entries whose
  // type readdir did not tell always are). `wanted` is called from the
  // listing threads and must outlive finish().
  void narrow_stats(const Wanted* wanted);

  // Helps the listing to its end, then returns every folder that could be
  // read, parents before their subfolders. Folders that could not be opened
  // are missing.
  std::vector<ListedFolder*> finish();

  // lstat of an entry listed without it; nullopt when it cannot be lstat'ed.
  std::optional<IndexStat> stat_late(const ListedFolder& folder, const ListedEntry& entry) const;

 private:
  struct Folder;  // a folder being listed: its open descriptor and its ListedFolder
  struct ListTask {
    std::string path;
  };
  struct StatTask {
    std::shared_ptr<Folder> folder;
    std::size_t begin, end;  // entries of the folder
  };
  using Task = std::variant<ListTask, StatTask>;

  void work();
  std::optional<Task> take();
  void list(const std::string& path);
  void stat_range(const StatTask& task);

  int root_ = -1;
  struct stat root_stat_ {};
  std::atomic<const Wanted*> wanted_{nullptr};
  std::atomic<bool> stopping_{false};

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Task> pending_;
  int busy_ = 0;
  std::deque<ListedFolder> folders_;  // deque: a ListedFolder stays where it is while others are added
  std::jthread first_thread_;  // which starts and joins the others
};

}  // namespace vaultlink
