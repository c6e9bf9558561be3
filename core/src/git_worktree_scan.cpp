// Finding what may have changed in the working directory, the way git's own
// index refresh does it but cheaper than libgit2's status machinery: every
// tracked file is lstat'ed (on all cores) and compared with the stat data its
// index entry recorded, and the folders are read once to find untracked files,
// whose .gitignore verdict is asked only for them. libgit2's status diffs the
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

#include <cstring>
#include <memory>
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

// True when the file at `file` may differ from what `entry` recorded.
bool may_differ(const git_index_entry& entry, const std::string& file, const std::optional<Stamp>& index_time) {
  struct stat info {};
  if (::lstat(file.c_str(), &info) != 0) return true;  // gone, or unreadable: let staging decide
  const bool is_link = S_ISLNK(info.st_mode);
  if (!is_link && !S_ISREG(info.st_mode)) return true;  // now a folder, or something git cannot store
  if (is_link != ((entry.mode & 0170000) == kSymlinkMode)) return true;
  if (!is_link && ((info.st_mode & 0100) != 0) != ((entry.mode & 0100) != 0)) return true;
  if (entry.file_size != static_cast<std::uint32_t>(info.st_size)) return true;
  if (entry.ino != 0 && entry.ino != static_cast<std::uint32_t>(info.st_ino)) return true;
  if (!same_time(entry.mtime, info.st_mtim) || !same_time(entry.ctime, info.st_ctim)) return true;
  if (!index_time) return true;
  return not_before(Stamp{info.st_mtim.tv_sec, info.st_mtim.tv_nsec}, *index_time);
}

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// Reads the folders below `start` for files the index does not track and
// .gitignore does not exclude.
class UntrackedWalk {
 public:
  UntrackedWalk(const VaultRepo& repo, const std::unordered_set<std::string_view>& tracked,
                const std::unordered_set<std::string_view>& tracked_folders, std::vector<std::string>& out)
      : repo_(repo), tracked_(tracked), tracked_folders_(tracked_folders), out_(out) {}

  // `folder`: repository-relative, "" or ending in '/'.
  void walk(const std::string& folder) {
    const std::string absolute = (repo_.workdir / folder).string();
    std::unique_ptr<DIR, DirCloser> dir(::opendir(absolute.c_str()));
    if (!dir) return;  // unreadable: git cannot see into it either
    while (const dirent* item = ::readdir(dir.get())) {
      const std::string_view name = item->d_name;
      if (name == "." || name == ".." || name == ".git") continue;
      std::string path = folder + std::string(name);
      unsigned char type = item->d_type;
      if (type == DT_UNKNOWN) type = type_of(path);
      if (type == DT_DIR) {
        folder_entry(std::move(path));
      } else if (type == DT_REG || type == DT_LNK) {
        if (!tracked_.contains(path) && !ignored(path)) out_.push_back(std::move(path));
      }
    }
  }

 private:
  void folder_entry(std::string path) {
    const bool has_tracked = tracked_folders_.contains(path);
    if (tracked_.contains(path)) return;  // a submodule's gitlink
    if (!has_tracked) {
      // An untracked nested repository is not ours to stage.
      struct stat info {};
      if (::lstat((repo_.workdir / path / ".git").c_str(), &info) == 0) return;
    }
    path += '/';
    // Files git already tracks inside an ignored folder were compared by
    // their index entries; only untracked ones would be skipped here.
    if (ignored(path)) return;
    walk(path);
  }

  unsigned char type_of(const std::string& path) const {
    struct stat info {};
    if (::lstat((repo_.workdir / path).c_str(), &info) != 0) return DT_UNKNOWN;
    if (S_ISDIR(info.st_mode)) return DT_DIR;
    if (S_ISREG(info.st_mode)) return DT_REG;
    if (S_ISLNK(info.st_mode)) return DT_LNK;
    return DT_UNKNOWN;
  }

  bool ignored(const std::string& path) const {
    int verdict = 0;
    check(git_ignore_path_is_ignored(&verdict, repo_.get(), path.c_str()), "cannot check .gitignore for " + path);
    return verdict != 0;
  }

  const VaultRepo& repo_;
  const std::unordered_set<std::string_view>& tracked_;
  const std::unordered_set<std::string_view>& tracked_folders_;
  std::vector<std::string>& out_;
};

}  // namespace

std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, git_index* index, const std::string& folder) {
  const std::optional<Stamp> index_time = index_stamp(index);
  std::vector<const git_index_entry*> entries;
  std::vector<std::string> candidates;
  std::unordered_set<std::string_view> tracked, tracked_folders;
  const std::size_t count = git_index_entrycount(index);
  entries.reserve(count);
  tracked.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    const std::string_view path = entry->path;
    if (!path.starts_with(folder)) continue;
    tracked.insert(path);
    for (auto slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
      if (!tracked_folders.insert(path.substr(0, slash)).second) break;  // its parents are in already
    }
    if (GIT_INDEX_ENTRY_STAGE(entry) != 0) {
      candidates.emplace_back(path);  // a conflict: staging records how the user resolved it
    } else if ((entry->mode & 0170000) != kGitlinkMode &&
               !(entry->flags & GIT_INDEX_ENTRY_VALID) &&
               !(entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE)) {
      entries.push_back(entry);  // assume-unchanged and skip-worktree entries git does not look at either
    }
  }

  std::vector<char> differs(entries.size(), 0);
  const std::string workdir = repo.workdir.string() + (repo.workdir.string().ends_with('/') ? "" : "/");
  parallel_for(entries.size(), [&](std::size_t i) {
    differs[i] = may_differ(*entries[i], workdir + entries[i]->path, index_time) ? 1 : 0;
  });
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (differs[i]) candidates.emplace_back(entries[i]->path);

  UntrackedWalk(repo, tracked, tracked_folders, candidates).walk(folder);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace vaultlink::gitx
