// The everyday commit — notes edited, added or deleted since the last one,
// found by the scan of a full commit (when nothing was staged with git itself
// since ours) or listed by a watch session — staged through vaultlink's own
// reader and writer of the index (git_index_file.hpp) instead of libgit2's
// git_index, whose read and write of a 10,000-note index cost a fifth of
// such a commit (issue #4).
//
// Everything unusual is left to libgit2's way (commit_vault's other branch):
// the answer is then nullopt, and nothing was changed but blobs written to
// the object database, which a later commit reuses or gc removes.
#include <git2/sys/repository.h>
#include <sys/stat.h>

#include <cerrno>

#include "git_index_file.hpp"
#include "git_repo.hpp"
#include "worktree_listing.hpp"

namespace vaultlink::gitx {

namespace {

constexpr std::uint32_t kSymlinkMode = 0120000;

bool config_flag(git_config* config, const char* name, bool fallback) {
  int value = 0;
  if (git_config_get_bool(&value, config, name) == 0) return value != 0;
  git_error_clear();
  return fallback;
}

// The settings under which git stores a file otherwise than as its lstat
// says (modes it does not trust, links it does not make, names compared
// without case) or converts line endings depending on what the index holds
// (core.autocrlf): libgit2 knows those rules, so such repositories take its way.
bool plain_file_semantics(const VaultRepo& repo) {
  git_config* config = nullptr;
  if (git_repository_config(&config, repo.get()) != 0) {
    git_error_clear();
    return false;
  }
  int autocrlf = 0;
  const int autocrlf_found = git_config_get_bool(&autocrlf, config, "core.autocrlf");
  if (autocrlf_found != 0) git_error_clear();
  // Unset or false; "input" is no boolean and counts as set.
  const bool converts_line_endings = autocrlf_found == GIT_ENOTFOUND ? false : autocrlf_found != 0 || autocrlf != 0;
  const bool plain = config_flag(config, "core.filemode", true) && config_flag(config, "core.symlinks", true) &&
                     !config_flag(config, "core.ignorecase", false) && !converts_line_endings;
  git_config_free(config);
  return plain;
}

// The mode git records for a file it trusts the lstat of.
std::uint32_t index_mode(const struct stat& info) {
  if (S_ISLNK(info.st_mode)) return kSymlinkMode;
  return (info.st_mode & 0100) ? 0100755 : 0100644;
}

std::vector<TrackedEntry> tracked_entries(const GitIndexFile& index) {
  std::vector<TrackedEntry> entries;
  entries.reserve(index.records().size());
  for (const IndexRecord& record : index.records())
    entries.push_back(TrackedEntry{record.path(), record.mode(), record.file_size(), record.ino(),
                                   record.mtime_seconds(), record.mtime_nanoseconds(), record.ctime_seconds(),
                                   record.ctime_nanoseconds(), record.stage(), record.assume_valid()});
  return entries;
}

bool has_conflicts(const GitIndexFile& index) {
  for (const IndexRecord& record : index.records())
    if (record.stage() != 0) return true;
  return false;
}

// True when `path` lies below a tracked file, or tracked files lie below it.
bool collides(const GitIndexFile& index, const std::string& path) {
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
    if (index.find(std::string_view(path).substr(0, slash))) return true;
  return index.has_below(path + '/');
}

bool tracks_attributes(const GitIndexFile& index) {
  for (const IndexRecord& record : index.records())
    if (record.path() == ".gitattributes" || record.path().ends_with("/.gitattributes")) return true;
  return false;
}

// Hashing a file as `git add` does applies the filters its attributes ask
// for, and libgit2 looks for .gitattributes in the index too: reading the
// whole index with git_index, the very cost this file avoids. When the index
// holds no .gitattributes, an empty index gives libgit2 the same answer.
// Lent for this scope only: afterwards libgit2 reads the index from disk
// again when asked (libgit2's way, when this one gives up).
class EmptyIndexLent {
 public:
  explicit EmptyIndexLent(const VaultRepo& repo) : repo_(repo) {
    git_index* empty = nullptr;
    check(git_index_new(&empty), "cannot create an index in memory");
    IndexPtr owned(empty);  // the repository holds its own reference
    check(git_repository_set_index(repo.get(), empty), "cannot set the repository's index");
  }
  ~EmptyIndexLent() { git_repository_set_index(repo_.get(), nullptr); }
  EmptyIndexLent(const EmptyIndexLent&) = delete;
  EmptyIndexLent& operator=(const EmptyIndexLent&) = delete;

 private:
  const VaultRepo& repo_;
};

}  // namespace

std::optional<StagedWithOwnIndex> stage_with_own_index(const VaultRepo& repo, const Settings& settings,
                                                       git_commit* head, git_tree* head_tree,
                                                       const std::vector<std::string>* changed_paths,
                                                       std::optional<WorktreeListing>& listing,
                                                       std::chrono::steady_clock::time_point deadline) {
  // Listed paths are checked first, as libgit2's way checks them.
  std::vector<std::string> listed;
  if (changed_paths)
    for (const std::string& path : *changed_paths) listed.push_back(repo.to_repo_path(listed_vault_path(path)));
  if (!plain_file_semantics(repo)) return std::nullopt;
  IndexLockFile lock(repo, deadline);
  std::string why_not;
  std::optional<GitIndexFile> index = GitIndexFile::read(lock.index(), &why_not);
  if (!index || has_conflicts(*index) || tracks_attributes(*index)) return std::nullopt;
  // What was staged with git itself since our last commit needs comparing
  // the index with HEAD, which a full commit does: libgit2's diff does that.
  // Listed paths are committed alone, whatever else is staged.
  const bool index_at_head = index_at_recorded_head(repo, &index->checksum(), *git_commit_id(head));
  if (!changed_paths && !index_at_head) return std::nullopt;
  const EmptyIndexLent lent(repo);

  std::vector<std::string> candidates =
      changed_paths ? std::move(listed)
                    : changed_worktree_paths(repo, tracked_entries(*index), index->modified(), repo.prefix,
                                             listing ? &*listing : nullptr);
  listing.reset();  // finished: libgit2's way, if taken now, lists again

  std::vector<std::string> staged, added;
  for (const std::string& path : candidates) {
    const auto vault_path = repo.to_vault_path(path);
    if (!vault_path || is_never_committed(*vault_path, settings.git_ignored_paths)) continue;
    const std::filesystem::path file = repo.workdir / path;
    const bool tracked = index->find(path) != nullptr;
    struct stat info {};
    if (::lstat(file.c_str(), &info) != 0) {
      if (errno != ENOENT && errno != ENOTDIR) return std::nullopt;  // unreadable: libgit2 says why
      if (tracked) {
        index->remove(path);
        staged.push_back(path);
      }
      continue;
    }
    // A folder (to scan, or where a file was), a FIFO...: libgit2's way.
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode)) return std::nullopt;
    // The scan asked .gitignore about its untracked files; a listed one is asked here.
    if (!tracked && changed_paths && is_gitignored(repo, path)) continue;
    git_oid id{};
    // Filtered as `git add` would (.gitattributes, core.autocrlf); the
    // lstat above comes first, so a write racing the hash shows in the next scan.
    if (git_blob_create_from_workdir(&id, repo.get(), path.c_str()) != 0) {
      git_error_clear();
      return std::nullopt;
    }
    index->set(path, id, index_mode(info), info);
    staged.push_back(path);
    if (!tracked) added.push_back(path);
  }
  // A file where a tracked folder is, or below a tracked file, is git's
  // directory/file conflict: libgit2 knows what to remove.
  for (const std::string& path : added)
    if (collides(*index, path)) return std::nullopt;

  StagedWithOwnIndex result;
  const StagedLookup staged_here = [&](const std::string& path) -> std::optional<StagedEntry> {
    const IndexRecord* record = index->find(path);
    if (!record) return std::nullopt;
    return StagedEntry{record->id(), record->mode()};
  };
  result.tree_id = updated_tree(repo, staged_here, head_tree, staged, result.files);
  if (git_oid_equal(&result.tree_id, git_tree_id(head_tree))) return result;  // nothing to commit, nothing written
  lock.replace_index(index->serialized());
  result.index_checksum = index->checksum();
  // Equal to HEAD before, and every change staged now is committed now.
  result.index_at_head = index_at_head;
  return result;
}

}  // namespace vaultlink::gitx
