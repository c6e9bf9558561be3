// Finding what may have changed in the working directory, the way git's own
// index refresh does it but cheaper than libgit2's status machinery: every
// folder is read once and every tracked file lstat'ed relative to it, on
// several threads (worktree_listing.cpp), and each file's stat data is
// compared with what its index entry recorded; the names the index does not
// know are the untracked files, whose .gitignore verdict is asked only for
// them. libgit2's status diffs the whole tree against the index and the
// working directory, sorting and matching every entry; on a 10,000-note vault
// that made a one-note commit cost about as much as `git add -A && git commit`
// (issue #4 asks for half).
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
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "git_repo.hpp"
#include "worktree_listing.hpp"

namespace vaultlink::gitx {

namespace {

constexpr unsigned int kGitlinkMode = 0160000;
constexpr unsigned int kSymlinkMode = 0120000;

bool not_before(const timespec& a, const timespec& b) {
  return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec >= b.tv_nsec;
}

// The index file's own modification time: an entry whose file was modified in
// that same instant or later may have changed after it was hashed without any
// stat field showing it ("racily clean", see git's Documentation/technical/racy-git.txt).
std::optional<timespec> index_stamp(git_index* index) {
  const char* path = git_index_path(index);
  struct stat info {};
  if (!path || ::stat(path, &info) != 0) return std::nullopt;
  return info.st_mtim;
}

// Nanoseconds are compared only when the entry has them: an index written by
// a git built without them stores 0, and every file would look modified.
bool same_time(std::uint32_t seconds, std::uint32_t nanoseconds, const timespec& now) {
  if (seconds != static_cast<std::uint32_t>(now.tv_sec)) return false;  // the index keeps 32 bits
  return nanoseconds == 0 || nanoseconds == static_cast<std::uint32_t>(now.tv_nsec);
}

// True when a file whose lstat gave `info` (nullptr: it could not be
// lstat'ed) may differ from what `entry` recorded.
bool may_differ(const TrackedEntry& entry, const IndexStat* info, const std::optional<timespec>& index_time) {
  if (!info) return true;  // gone, or unreadable: let staging decide
  const bool is_link = S_ISLNK(info->mode);
  if (!is_link && !S_ISREG(info->mode)) return true;  // now a folder, or something git cannot store
  if (is_link != ((entry.mode & 0170000) == kSymlinkMode)) return true;
  if (!is_link && ((info->mode & 0100) != 0) != ((entry.mode & 0100) != 0)) return true;
  if (entry.file_size != static_cast<std::uint32_t>(info->size)) return true;
  if (entry.ino != 0 && entry.ino != static_cast<std::uint32_t>(info->ino)) return true;
  if (!same_time(entry.mtime_seconds, entry.mtime_nanoseconds, info->mtime) ||
      !same_time(entry.ctime_seconds, entry.ctime_nanoseconds, info->ctime))
    return true;
  if (!index_time) return true;
  return not_before(info->mtime, *index_time);
}

// What the scan does with an index entry found in a folder's listing.
enum class Check : unsigned char {
  compare,  // lstat and compare with the recorded stat data
  listed,   // a candidate whatever the stat data says (a conflict: staging records its resolution)
  ignore,   // a submodule's gitlink, or an entry git does not look at (assume-unchanged, skip-worktree)
};

// An index entry under the scanned folder.
struct Tracked {
  std::string_view name;  // after the folder's '/'
  const TrackedEntry* entry;
  Check check;
  bool seen = false;  // its name was in its folder's listing
};

// The index entries by folder, each folder's sorted by name, so a folder's
// listing looks its names up in its own.
class TrackedFiles {
 public:
  using Folder = std::vector<Tracked>;

  TrackedFiles(const std::vector<TrackedEntry>& index, const std::string& under) {
    std::string_view last_folder;
    Folder* last = nullptr;
    for (const TrackedEntry& entry : index) {
      const std::string_view path = entry.path;
      if (!path.starts_with(under)) continue;
      const std::string_view relative = path.substr(under.size());
      const auto slash = relative.rfind('/');
      const std::size_t name_at = slash == std::string_view::npos ? 0 : slash + 1;
      Check check = Check::compare;
      if (entry.stage != 0) {
        check = Check::listed;
      } else if ((entry.mode & 0170000) == kGitlinkMode || entry.not_looked_at) {
        check = Check::ignore;
      }
      // The index is sorted by path, so runs of entries share a folder: the
      // map is asked only when the folder changes.
      const std::string_view folder = relative.substr(0, name_at);
      if (!last || folder != last_folder) {
        last_folder = folder;
        last = &folders_[folder];
        // Every folder above a tracked file holds tracked files.
        for (auto up = relative.rfind('/'); up != std::string_view::npos && up > 0; up = relative.rfind('/', up - 1)) {
          if (!holding_.insert(relative.substr(0, up + 1)).second) break;  // its parents are in already
        }
      }
      last->push_back(Tracked{relative.substr(name_at), &entry, check});
    }
    // By path, a folder's own entries are already in name order, unless the
    // index sorts without case (core.ignorecase). Conflicts have up to three
    // entries (stages 1-3) of one path: kept together, one listing finds them all.
    const auto by_name = [](const Tracked& a, const Tracked& b) { return a.name < b.name; };
    for (auto& [folder, files] : folders_)
      if (!std::is_sorted(files.begin(), files.end(), by_name)) std::stable_sort(files.begin(), files.end(), by_name);
  }

  // The entries of `folder` itself (relative to the scanned folder: "" or
  // ending in '/'), or nullptr when it has none.
  Folder* folder(std::string_view folder) {
    const auto found = folders_.find(folder);
    return found == folders_.end() ? nullptr : &found->second;
  }

  // The first entry `name` of `files` (a conflict's stages follow it), or nullptr.
  static Tracked* find(Folder* files, std::string_view name) {
    if (!files) return nullptr;
    const auto at = std::lower_bound(files->begin(), files->end(), name,
                                     [](const Tracked& file, std::string_view wanted) { return file.name < wanted; });
    return at != files->end() && at->name == name ? &*at : nullptr;
  }

  // True when `folder` ("a/b/") holds tracked files, directly or below.
  bool holds_tracked(std::string_view folder) const { return holding_.contains(folder); }

  // Calls `visit` with every entry.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [folder, files] : folders_)
      for (const Tracked& file : files) visit(file);
  }

 private:
  std::unordered_map<std::string_view, Folder> folders_;
  std::unordered_set<std::string_view> holding_;
};

// The folder holding `folder` ("a/b/" -> "a/", "a/" -> "").
std::string_view parent_of(std::string_view folder) {
  const auto slash = folder.rfind('/', folder.size() - 2);
  return slash == std::string_view::npos ? std::string_view() : folder.substr(0, slash + 1);
}

// Compares a finished listing with the index: what a scan finds is the
// candidates (tracked files that may differ) and the untracked files, whose
// .gitignore verdict the caller asks afterwards.
class ListingComparison {
 public:
  ListingComparison(TrackedFiles& tracked, const std::optional<timespec>& index_time, std::string under)
      : tracked_(tracked), index_time_(index_time), under_(std::move(under)) {}

  void compare(const WorktreeListing& listing, const std::vector<ListedFolder*>& folders) {
    // Folders not to look into, with everything below them: untracked nested
    // repositories (not ours to stage) and folders standing where a tracked
    // file was (staging looks into those itself).
    std::unordered_set<std::string_view> skipped;
    for (const ListedFolder* folder : folders) {
      const std::string_view path = folder->path;
      if (skipped.contains(path)) continue;
      if (!path.empty() && skipped.contains(parent_of(path))) {
        skipped.insert(path);  // parents come first, so one look upwards suffices
        continue;
      }
      if (folder->holds_git && !path.empty() && !tracked_.holds_tracked(path)) {
        skipped.insert(path);
        continue;
      }
      // Both in name order: one merge.
      TrackedFiles::Folder* tracked_here = tracked_.folder(path);
      Tracked* next = tracked_here ? tracked_here->data() : nullptr;
      Tracked* const end = tracked_here ? next + tracked_here->size() : nullptr;
      for (const ListedEntry& entry : folder->entries) {
        const std::string_view name = folder->name(entry);
        while (next != end && next->name < name) ++next;
        Tracked* const file = next != end && next->name == name ? next : nullptr;
        if (!compare_entry(listing, *folder, name, file, end, entry) || entry.type != DT_DIR) continue;
        skipped.insert(folders_under_tracked_names_.emplace_back(folder->path + std::string(name) + '/'));
      }
    }
    // Tracked files no listing showed: deleted, or their folder is gone,
    // unreadable or no longer a folder. Conflicts are candidates anyway.
    tracked_.for_each([&](const Tracked& file) {
      if (file.check == Check::listed || (file.check == Check::compare && !file.seen))
        candidates_.emplace_back(file.entry->path);
    });
  }

  std::vector<std::string>& candidates() { return candidates_; }
  std::vector<std::string>& untracked() { return untracked_; }

 private:
  // Returns true when the entry (named `name`) is a tracked name.
  // `file`: the entry's first index entry, or nullptr; `end`: the end of its folder's.
  bool compare_entry(const WorktreeListing& listing, const ListedFolder& folder, std::string_view name, Tracked* file,
                     const Tracked* end, const ListedEntry& entry) {
    if (!file) {
      // Folders are listed on their own.
      if (entry.type == DT_REG || entry.type == DT_LNK) untracked_.push_back(under_ + folder.path + std::string(name));
      return false;
    }
    // Every entry of the path (a conflict's stages too) was listed.
    for (Tracked* same = file; same != end && same->name == name; ++same) same->seen = true;
    if (file->check != Check::compare) return true;
    std::optional<IndexStat> late;
    if (entry.stat_state == ListedEntry::Stat::not_taken) late = listing.stat_late(folder, entry);
    const IndexStat* info = entry.stat_state == ListedEntry::Stat::taken ? &entry.stat : late ? &*late : nullptr;
    if (may_differ(*file->entry, info, index_time_)) candidates_.push_back(under_ + folder.path + std::string(name));
    return true;
  }

  TrackedFiles& tracked_;
  const std::optional<timespec>& index_time_;
  const std::string under_;
  std::deque<std::string> folders_under_tracked_names_;  // deque: `skipped` views them
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
    const std::string_view parent = parent_of(folder);
    const bool verdict = (parent.size() > start_.size() && ignored_folder(std::string(parent))) || ignored(folder);
    folders_.emplace(folder, verdict);
    return verdict;
  }

  bool ignored(const std::string& path) const { return is_gitignored(repo_, path); }

  const VaultRepo& repo_;
  const std::string start_;
  std::unordered_map<std::string, bool> folders_;
};

}  // namespace

std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, git_index* index, const std::string& folder,
                                                WorktreeListing* listed_early) {
  std::vector<TrackedEntry> entries(git_index_entrycount(index));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const git_index_entry& entry = *git_index_get_byindex(index, i);
    entries[i] = TrackedEntry{entry.path,
                              entry.mode,
                              entry.file_size,
                              entry.ino,
                              static_cast<std::uint32_t>(entry.mtime.seconds),
                              entry.mtime.nanoseconds,
                              static_cast<std::uint32_t>(entry.ctime.seconds),
                              entry.ctime.nanoseconds,
                              GIT_INDEX_ENTRY_STAGE(&entry),
                              (entry.flags & GIT_INDEX_ENTRY_VALID) || (entry.flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE)};
  }
  return changed_worktree_paths(repo, entries, index_stamp(index), folder, listed_early);
}

std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, const std::vector<TrackedEntry>& index,
                                                const std::optional<timespec>& index_time, const std::string& folder,
                                                WorktreeListing* listed_early) {
  TrackedFiles tracked(index, folder);
  const WorktreeListing::Wanted wanted = [&](std::string_view in, std::string_view name) {
    return TrackedFiles::find(tracked.folder(in), name) != nullptr;
  };
  const std::filesystem::path root = repo.workdir / folder;
  std::optional<WorktreeListing> listed_now;
  WorktreeListing* listing = listed_early;
  if (!listing || !listing->is_root(root)) listing = &listed_now.emplace(root);
  listing->narrow_stats(&wanted);
  const std::vector<ListedFolder*> folders = listing->finish();

  ListingComparison comparison(tracked, index_time, folder);
  comparison.compare(*listing, folders);
  std::vector<std::string> candidates = std::move(comparison.candidates());
  IgnoreRules rules(repo, folder);
  for (auto& path : comparison.untracked())
    if (!rules.ignored_file(path)) candidates.push_back(std::move(path));
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

}  // namespace vaultlink::gitx
