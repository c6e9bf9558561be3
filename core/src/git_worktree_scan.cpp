// Finding what may have changed in the working directory, the way git's own
// index refresh does it but cheaper than libgit2's status machinery: each
// folder is read once (on all cores), every tracked file in it is lstat'ed
// relative to it and compared with the stat data its index entry recorded,
// and the names the index does not know are the untracked files, whose
// .gitignore verdict is asked only for them. libgit2's status diffs the
// whole tree against the index and the working directory, sorting and
// matching every entry; on a 10,000-note vault that made a one-note commit
// cost about as much as `git add -A && git commit` (issue #4 asks for half).
//
// A candidate may turn out unchanged: staging hashes it, and an equal blob
// changes no tree. What must never happen is a change missed, so every doubt
// (an unreadable folder, a stat field that differs, an entry written in the
// same instant as the index) makes the path a candidate.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "git_repo.hpp"
#include "parallel.hpp"

namespace vaultlink::gitx {

namespace {

constexpr unsigned int kGitlinkMode = 0160000;
constexpr unsigned int kSymlinkMode = 0120000;

struct Stamp {
  std::int64_t seconds = 0;
  std::int64_t nanoseconds = 0;
};

bool not_before(const Stamp& a, const Stamp& b) {
  return a.seconds != b.seconds ? a.seconds > b.seconds : a.nanoseconds >= b.nanoseconds;
}

// The index file's own modification time: an entry whose file was modified in
// that same instant or later may have changed after it was hashed without any
// stat field showing it ("racily clean", see git's Documentation/technical/racy-git.txt).
std::optional<Stamp> index_stamp(git_index* index) {
  const char* path = git_index_path(index);
  struct stat info {};
  if (!path || ::stat(path, &info) != 0) return std::nullopt;
  return Stamp{info.st_mtim.tv_sec, info.st_mtim.tv_nsec};
}

// Nanoseconds are compared only when the entry has them: an index written by
// a git built without them stores 0, and every file would look modified.
bool same_time(const git_index_time& recorded, const timespec& now) {
  if (recorded.seconds != static_cast<std::int32_t>(now.tv_sec)) return false;  // the index keeps 32 bits
  return recorded.nanoseconds == 0 || recorded.nanoseconds == static_cast<std::uint32_t>(now.tv_nsec);
}

// True when a file whose lstat gave `info` (nullptr: it could not be
// lstat'ed) may differ from what `entry` recorded.
bool may_differ(const git_index_entry& entry, const struct stat* info, const std::optional<Stamp>& index_time) {
  if (!info) return true;  // gone, or unreadable: let staging decide
  const bool is_link = S_ISLNK(info->st_mode);
  if (!is_link && !S_ISREG(info->st_mode)) return true;  // now a folder, or something git cannot store
  if (is_link != ((entry.mode & 0170000) == kSymlinkMode)) return true;
  if (!is_link && ((info->st_mode & 0100) != 0) != ((entry.mode & 0100) != 0)) return true;
  if (entry.file_size != static_cast<std::uint32_t>(info->st_size)) return true;
  if (entry.ino != 0 && entry.ino != static_cast<std::uint32_t>(info->st_ino)) return true;
  if (!same_time(entry.mtime, info->st_mtim) || !same_time(entry.ctime, info->st_ctim)) return true;
  if (!index_time) return true;
  return not_before(Stamp{info->st_mtim.tv_sec, info->st_mtim.tv_nsec}, *index_time);
}

// What the scan does with an index entry found in a folder's listing.
enum class Check : unsigned char {
  compare,  // lstat and compare with the recorded stat data
  listed,   // a candidate whatever the stat data says (a conflict: staging records its resolution)
  ignore,   // a submodule's gitlink, or an entry git does not look at (assume-unchanged, skip-worktree)
};

// An index entry under the scanned folder, split at its last '/'.
struct Tracked {
  std::string_view folder;  // "" or ending in '/'
  std::string_view name;
  const git_index_entry* entry;
  Check check;
};

// The index entries by folder: each folder's entries, sorted by name, are
// one range of `files`, so a folder listing looks its names up in its range.
class TrackedFiles {
 public:
  TrackedFiles(git_index* index, const std::string& under) {
    const std::size_t count = git_index_entrycount(index);
    files_.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      const git_index_entry* entry = git_index_get_byindex(index, i);
      const std::string_view path = entry->path;
      if (!path.starts_with(under)) continue;
      const auto slash = path.rfind('/');
      const std::size_t name_at = slash == std::string_view::npos ? 0 : slash + 1;
      Check check = Check::compare;
      if (GIT_INDEX_ENTRY_STAGE(entry) != 0) {
        check = Check::listed;
      } else if ((entry->mode & 0170000) == kGitlinkMode || (entry->flags & GIT_INDEX_ENTRY_VALID) ||
                 (entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE)) {
        check = Check::ignore;
      }
      files_.push_back(Tracked{path.substr(0, name_at), path.substr(name_at), entry, check});
      // Every folder above a tracked file holds tracked files.
      for (auto slash = path.rfind('/'); slash != std::string_view::npos && slash > 0;
           slash = path.rfind('/', slash - 1)) {
        if (!folders_.insert(path.substr(0, slash + 1)).second) break;  // its parents are in already
      }
    }
    // Conflicts have up to three entries (stages 1-3) of one path: kept, one
    // listing finds them all.
    std::stable_sort(files_.begin(), files_.end(), [](const Tracked& a, const Tracked& b) {
      return a.folder != b.folder ? a.folder < b.folder : a.name < b.name;
    });
    for (std::size_t i = 0; i < files_.size();) {
      std::size_t end = i + 1;
      while (end < files_.size() && files_[end].folder == files_[i].folder) ++end;
      ranges_.emplace(files_[i].folder, std::pair{i, end});
      i = end;
    }
  }

  const std::vector<Tracked>& files() const { return files_; }

  // The index (into files()) of the first entry `name` in `folder`, or npos.
  std::size_t find(std::string_view folder, std::string_view name) const {
    const auto range = ranges_.find(folder);
    if (range == ranges_.end()) return npos;
    const auto begin = files_.begin() + static_cast<std::ptrdiff_t>(range->second.first);
    const auto end = files_.begin() + static_cast<std::ptrdiff_t>(range->second.second);
    const auto at = std::lower_bound(begin, end, name, [](const Tracked& file, std::string_view wanted) {
      return file.name < wanted;
    });
    return at != end && at->name == name ? static_cast<std::size_t>(at - files_.begin()) : npos;
  }

  // The entries of `folder` itself, for a folder that is listed.
  std::pair<std::size_t, std::size_t> range(std::string_view folder) const {
    const auto found = ranges_.find(folder);
    return found == ranges_.end() ? std::pair<std::size_t, std::size_t>{0, 0} : found->second;
  }

  // True when `folder` ("a/b/") holds tracked files, directly or below.
  bool holds_tracked(std::string_view folder) const { return folders_.contains(folder); }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  std::vector<Tracked> files_;
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> ranges_;
  std::unordered_set<std::string_view> folders_;
};

// Folders waiting to be listed, shared by the scanning threads; a thread
// that finds the queue empty waits while others may still add subfolders.
class FolderQueue {
 public:
  explicit FolderQueue(std::string first) { pending_.push_back(std::move(first)); }

  // The next folder to list, or nullopt when every folder was listed.
  std::optional<std::string> take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !pending_.empty() || busy_ == 0; });
    if (pending_.empty()) return std::nullopt;
    std::string folder = std::move(pending_.back());
    pending_.pop_back();
    ++busy_;
    return folder;
  }

  // Ends the listing of a folder that contained `subfolders`.
  void finish(std::vector<std::string>& subfolders) {
    {
      std::lock_guard lock(mutex_);
      for (auto& folder : subfolders) pending_.push_back(std::move(folder));
      --busy_;
    }
    subfolders.clear();
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> pending_;
  int busy_ = 0;
};

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// One pass over the working directory below a folder: each folder is opened
// and read once, and every tracked file in it is lstat'ed relative to it (a
// full path would make the kernel walk every folder of the path again, for
// each of the 10,000 files of a large vault). Folders are spread over the
// cores. What a pass finds: candidates (tracked files that may differ) and
// untracked files, whose .gitignore verdict the caller asks afterwards (on
// one thread: libgit2's ignore rules are not to be shared across threads).
class WorktreePass {
 public:
  WorktreePass(int root, const TrackedFiles& tracked, const std::optional<Stamp>& index_time)
      : root_(root), tracked_(tracked), index_time_(index_time), seen_(tracked.files().size(), 0) {}

  void run(const std::string& start) {
    start_ = start;
    FolderQueue queue(start);
    auto work = [&] {
      Found found;
      std::vector<std::string> subfolders;
      while (auto folder = queue.take()) {
        list(*folder, found, subfolders);
        queue.finish(subfolders);
      }
      std::lock_guard lock(mutex_);
      candidates_.insert(candidates_.end(), std::make_move_iterator(found.candidates.begin()),
                         std::make_move_iterator(found.candidates.end()));
      untracked_.insert(untracked_.end(), std::make_move_iterator(found.untracked.begin()),
                        std::make_move_iterator(found.untracked.end()));
    };
    {
      std::vector<std::jthread> helpers;
      for (unsigned t = 1; t < core_count(); ++t) helpers.emplace_back(work);
      work();
    }
    // Tracked files no listing showed: deleted, or their folder is gone,
    // unreadable or no longer a folder. Conflicts are candidates anyway.
    const auto& files = tracked_.files();
    for (std::size_t i = 0; i < files.size(); ++i)
      if (files[i].check == Check::listed || (files[i].check == Check::compare && !seen_[i]))
        candidates_.emplace_back(files[i].entry->path);
  }

  std::vector<std::string>& candidates() { return candidates_; }
  std::vector<std::string>& untracked() { return untracked_; }

 private:
  struct Found {
    std::vector<std::string> candidates, untracked;
  };
  struct Item {
    std::string name;
    unsigned char type;
  };

  // Lists `folder` (repository-relative, "" or ending in '/').
  void list(const std::string& folder, Found& found, std::vector<std::string>& subfolders) {
    const int fd = ::openat(root_, folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // unreadable: git cannot see into it either; its tracked files are candidates
    std::unique_ptr<DIR, DirCloser> dir(::fdopendir(fd));
    if (!dir) {
      ::close(fd);
      return;
    }
    std::vector<Item> items;
    bool nested_repository = false;
    while (const dirent* entry = ::readdir(dir.get())) {
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      if (name == ".git") {
        nested_repository = folder != start_;
        continue;
      }
      items.push_back(Item{std::string(name), entry->d_type});
    }
    // An untracked nested repository is not ours to stage.
    if (nested_repository && !tracked_.holds_tracked(folder)) return;

    for (auto& item : items) {
      const std::size_t at = tracked_.find(folder, item.name);
      if (at != TrackedFiles::npos) {
        // Every entry of the path (a conflict's stages too) was listed.
        for (std::size_t i = at; i < tracked_.files().size() && tracked_.files()[i].folder == folder &&
                                 tracked_.files()[i].name == item.name;
             ++i)
          seen_[i] = 1;
        const Tracked& file = tracked_.files()[at];
        if (file.check != Check::compare) continue;
        struct stat info {};
        const bool stated = ::fstatat(::dirfd(dir.get()), item.name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
        if (may_differ(*file.entry, stated ? &info : nullptr, index_time_))
          found.candidates.push_back(folder + item.name);
        continue;  // a folder under a tracked name is staging's to look into
      }
      unsigned char type = item.type;
      if (type == DT_UNKNOWN) type = type_at(::dirfd(dir.get()), item.name);
      if (type == DT_DIR) {
        subfolders.push_back(folder + item.name + '/');
      } else if (type == DT_REG || type == DT_LNK) {
        found.untracked.push_back(folder + item.name);
      }
    }
  }

  static unsigned char type_at(int folder, const std::string& name) {
    struct stat info {};
    if (::fstatat(folder, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return DT_UNKNOWN;
    if (S_ISDIR(info.st_mode)) return DT_DIR;
    if (S_ISREG(info.st_mode)) return DT_REG;
    if (S_ISLNK(info.st_mode)) return DT_LNK;
    return DT_UNKNOWN;
  }

  const int root_;
  const TrackedFiles& tracked_;
  const std::optional<Stamp>& index_time_;
  std::string start_;
  // One flag per tracked entry; a folder is listed by one thread, so each
  // flag is written by one thread only.
  std::vector<char> seen_;
  std::mutex mutex_;
  std::vector<std::string> candidates_, untracked_;
};

// .gitignore verdicts for untracked files: a file is left out when it or any
// folder above it (below the scanned folder) is ignored, as git does not look
// into an ignored folder. Folder verdicts are asked once and remembered.
class IgnoreRules {
 public:
  IgnoreRules(const VaultRepo& repo, std::string start) : repo_(repo), start_(std::move(start)) {}

  bool ignored_file(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && slash + 1 > start_.size() && ignored_folder(path.substr(0, slash + 1)))
      return true;
    return ignored(path);
  }

 private:
  // `folder` ends in '/' and lies below start_.
  bool ignored_folder(const std::string& folder) {
    if (auto known = folders_.find(folder); known != folders_.end()) return known->second;
    const auto parent_end = folder.rfind('/', folder.size() - 2);
    const bool verdict =
        (parent_end != std::string::npos && parent_end + 1 > start_.size() &&
         ignored_folder(folder.substr(0, parent_end + 1))) ||
        ignored(folder);
    folders_.emplace(folder, verdict);
    return verdict;
  }

  bool ignored(const std::string& path) const {
    int verdict = 0;
    check(git_ignore_path_is_ignored(&verdict, repo_.get(), path.c_str()), "cannot check .gitignore for " + path);
    return verdict != 0;
  }

  const VaultRepo& repo_;
  const std::string start_;
  std::unordered_map<std::string, bool> folders_;
};

}  // namespace

std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, git_index* index, const std::string& folder) {
  const std::optional<Stamp> index_time = index_stamp(index);
  const TrackedFiles tracked(index, folder);
  const int root = ::open(repo.workdir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0) throw GitError("cannot open the working directory " + repo.workdir.string());
  WorktreePass pass(root, tracked, index_time);
  pass.run(folder);
  ::close(root);

  std::vector<std::string> candidates = std::move(pass.candidates());
  IgnoreRules rules(repo, folder);
  for (auto& path : pass.untracked())
    if (!rules.ignored_file(path)) candidates.push_back(std::move(path));
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace vaultlink::gitx
