#pragma once
// The repository a vault lives in, as the git_*.cpp files share it: opened
// (or created) once per operation, with the vault's place inside the working
// directory so vault-relative and repository-relative paths convert both ways.
#include <time.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git_raii.hpp"
#include "vaultlink/git.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {
class WorktreeListing;
}

namespace vaultlink::gitx {

struct VaultRepo {
  Libgit2Guard guard;  // first member: libgit2 outlives every handle below
  RepositoryPtr repo;
  std::filesystem::path workdir;  // the repository's working directory
  std::filesystem::path git_dir;  // .git (or the worktree's git dir)
  std::filesystem::path vault;    // the vault folder, canonical
  std::string prefix;             // vault relative to workdir with a trailing '/', or ""

  git_repository* get() const { return repo.get(); }
  std::string to_repo_path(std::string_view vault_path) const { return prefix + std::string(vault_path); }
  // nullopt when the repository path lies outside the vault.
  std::optional<std::string> to_vault_path(std::string_view repo_path) const;
};

// Discovers the repository at or above `vault`; creates one in the vault when
// none is found and `init_if_missing` is set. Bare repositories are refused.
VaultRepo open_vault_repository(const std::filesystem::path& vault, bool init_if_missing);

// Refuses (GitError) a detached HEAD, and any merge, rebase, cherry-pick,
// revert, bisect or am in progress, unless it is a merge and `allow_merge`.
void require_committable_state(const VaultRepo& repo, bool allow_merge);

// "refs/heads/<name>" HEAD points at, born or not.
std::string head_branch_ref(const VaultRepo& repo);

// The commit HEAD points at, or null on an unborn branch.
CommitPtr head_commit(const VaultRepo& repo);

// Author/committer: git config's user.name and user.email (repository, then
// global, then system), else the settings, else vaultlink's own identity.
SignaturePtr make_signature(const VaultRepo& repo, const Settings& settings);

// True when `vault_path` is one of the settings' never-committed paths (a
// trailing '/' or an entry naming a folder covers everything below it) or is
// the conflict note.
bool is_never_committed(std::string_view vault_path, const std::vector<std::string>& ignored_paths);

// ---- locks -------------------------------------------------------------------

std::filesystem::path index_lock_path(const VaultRepo& repo);

// Waits (bounded) until no other process holds .git/index.lock; throws a
// GitError naming the lock when it is still held at `deadline`. The lock is
// never removed: it may belong to a live git process.
void wait_for_index_lock(const VaultRepo& repo, std::chrono::steady_clock::time_point deadline);

// .git/index.lock held by this process, as git holds it from reading the
// index to writing it, so no other git process changes the index in between.
// Taking it waits (bounded) like wait_for_index_lock. Released (the lock file
// removed) when destroyed, unless replace_index made it the index.
class IndexLockFile {
 public:
  IndexLockFile(const VaultRepo& repo, std::chrono::steady_clock::time_point deadline);
  ~IndexLockFile();
  IndexLockFile(const IndexLockFile&) = delete;
  IndexLockFile& operator=(const IndexLockFile&) = delete;

  const std::filesystem::path& index() const { return index_; }
  // Writes `bytes` to the lock file and renames it over the index.
  void replace_index(std::string_view bytes);

 private:
  std::filesystem::path lock_, index_;
  int fd_ = -1;
};

// Runs `attempt` until it returns something other than GIT_ELOCKED or the
// deadline passes; then throws like check(), naming `lock` when locked.
void retry_while_locked(const std::filesystem::path& lock, std::chrono::steady_clock::time_point deadline,
                        const std::function<int()>& attempt, std::string_view what);

// ---- staging -----------------------------------------------------------------

// Updates `index` (in memory) with every change under the vault (or under
// `folder`, repository-relative with a trailing '/', when given) in the working
// directory: new and modified files added, deleted files removed, conflicts of
// files the user resolved recorded as resolved. Honours .gitignore.
// Returns the repository paths it updated in the index. `listed_early`: a
// listing of the vault started before the index was read (see
// changed_worktree_paths).
std::vector<std::string> stage_vault_changes(const VaultRepo& repo, git_index* index, const Settings& settings,
                                             const std::string& folder = "", WorktreeListing* listed_early = nullptr);

// What the scan of the working directory needs of one index entry, read by
// libgit2 or by vaultlink's own reader (git_index_file.hpp).
struct TrackedEntry {
  std::string_view path;
  std::uint32_t mode = 0, file_size = 0, ino = 0;
  std::uint32_t mtime_seconds = 0, mtime_nanoseconds = 0, ctime_seconds = 0, ctime_nanoseconds = 0;
  int stage = 0;
  bool not_looked_at = false;  // assume-unchanged or skip-worktree: git does not compare it
};

// Repository paths under `folder` (repository-relative, "" or ending in '/')
// that may differ between the working directory and `index`: tracked files
// whose stat data changed (or that are racily clean), tracked files gone,
// conflicted paths, and untracked files .gitignore does not exclude. Sorted.
// `listed_early`, when it lists `folder`, is used and finished; its stat data
// may be older than `index`, which only makes more candidates: a file that
// changed after its lstat is new work for the next commit, as a change made
// after any scan is.
std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, git_index* index, const std::string& folder,
                                                WorktreeListing* listed_early = nullptr);
// The same for an index given as its entries, in the index's order, and
// the index file's modification time (nullopt: unknown, every entry is a
// candidate).
std::vector<std::string> changed_worktree_paths(const VaultRepo& repo, const std::vector<TrackedEntry>& index,
                                                const std::optional<timespec>& index_time, const std::string& folder,
                                                WorktreeListing* listed_early = nullptr);

// Repository paths under the vault whose index entry differs from
// `head_tree`'s: what was staged with git itself (`git add`, `git mv`), or by
// stage_*; the editor state the settings never commit left out (and
// `*left_out` set when there was any).
std::vector<std::string> staged_since_head(const VaultRepo& repo, git_index* index, git_tree* head_tree,
                                           const Settings& settings, bool* left_out = nullptr);

// True when the index whose file's checksum is `index_checksum`, as read
// from disk, is one a full commit recorded (below) as equal to commit `head`
// under the vault: then it has nothing staged there that staged_since_head
// would find. False on any doubt (no record, another index, HEAD moved,
// another vault of the same repository).
bool index_at_recorded_head(const VaultRepo& repo, const git_oid* index_checksum, const git_oid& head);

// Records that the index with checksum `index_checksum`, just written, equals
// commit `head` under the vault, the editor state the settings never commit
// included. Best effort.
void record_index_at_head(const VaultRepo& repo, const git_oid* index_checksum, const git_oid& head);

// True when .gitignore (and .git/info/exclude, core.excludesFile) leaves
// out `path` (repository-relative).
bool is_gitignored(const VaultRepo& repo, const std::string& path);

// `listed` (a path the caller says changed) made vault-relative and
// normal; throws a GitError when it points outside the vault.
std::string listed_vault_path(const std::string& listed);

// Like stage_vault_changes, but looks only at `paths` (vault-relative): a
// listed file that exists is added (unless .gitignore excludes an untracked
// one), a tracked one that is gone is removed, a listed folder is scanned.
std::vector<std::string> stage_listed_paths(const VaultRepo& repo, git_index* index, const Settings& settings,
                                            const std::vector<std::string>& paths);

// A path's stage-0 entry in the index a commit writes.
struct StagedEntry {
  git_oid id{};
  unsigned int mode = 0;
};
// The entry of a repository path, or nullopt when the index has none.
using StagedLookup = std::function<std::optional<StagedEntry>(const std::string& path)>;
StagedLookup staged_in(git_index* index);

// HEAD's tree with `paths` (repository-relative) set to their index entries
// (removed when the index has none): only the folders on those paths are
// rewritten, so a one-note commit in a large vault touches a few trees.
// `files` receives what changed (exact renames paired up).
git_oid updated_tree(const VaultRepo& repo, const StagedLookup& staged, git_tree* head_tree,
                     const std::vector<std::string>& paths, std::vector<ChangedFile>& files);

// A commit's staging through vaultlink's own index reader and writer
// (git_commit_own_index.cpp): the tree to commit, what it changes, the
// checksum of the index written (none when the tree is HEAD's: nothing to
// commit, and the index was left as it was), and whether the new index will
// equal the new commit under the vault (record_index_at_head may say so).
struct StagedWithOwnIndex {
  git_oid tree_id{};
  std::vector<ChangedFile> files;
  git_oid index_checksum{};
  bool index_at_head = false;
};
// Stages what changed in the vault (`changed_paths` null: the listing's
// scan, which needs an index our last commit recorded as equal to HEAD) or
// the listed paths (vault-relative, as CommitOptions::changed_paths).
// nullopt when this commit needs libgit2's index: something staged with git
// itself that a full commit must compare, conflicts, a listed folder, an
// index format or a repository setting the own reader leaves to libgit2.
// `listing` is used and reset.
std::optional<StagedWithOwnIndex> stage_with_own_index(const VaultRepo& repo, const Settings& settings,
                                                       git_commit* head, git_tree* head_tree,
                                                       const std::vector<std::string>* changed_paths,
                                                       std::optional<WorktreeListing>& listing,
                                                       std::chrono::steady_clock::time_point deadline);

// What `new_tree` changes from `old_tree` (null: unborn), with renames
// detected; paths vault-relative when inside the vault.
std::vector<ChangedFile> tree_changes(const VaultRepo& repo, git_tree* old_tree, git_tree* new_tree);

// Creates a commit of `tree` on HEAD with `parents`, moving HEAD's branch
// (born or unborn); retries while the branch's ref lock is held.
git_oid create_commit(const VaultRepo& repo, const Settings& settings, const std::string& message,
                      git_tree* tree, const std::vector<const git_commit*>& parents,
                      std::chrono::steady_clock::time_point deadline);

// ---- conflicts ---------------------------------------------------------------

struct ConflictNote {
  std::string merge_head;          // hex id of the commit being merged in
  std::vector<std::string> files;  // vault-relative
};

std::filesystem::path conflict_note_path(const VaultRepo& repo);
std::optional<ConflictNote> read_conflict_note(const std::filesystem::path& note);
void write_conflict_note(const std::filesystem::path& note, const ConflictNote& content);
// True when `bytes` has a line starting with git's "<<<<<<<" or ">>>>>>>"
// marker. "=======" alone is not a marker here: it is a Markdown heading underline.
bool has_conflict_markers(std::string_view bytes);
// Listed files that still hold markers (a missing file holds none).
std::vector<std::string> unresolved_conflicts(const VaultRepo& repo, const ConflictNote& note);

// ---- remotes -----------------------------------------------------------------

// The callbacks of one fetch or push: credentials from ssh-agent and the
// platform's default (NTLM/Negotiate), each offered once so a refusal ends in
// an error instead of a loop; and the remote's verdict on each pushed ref.
// `callbacks.payload` points at the session, so it never moves.
struct RemoteSession {
  unsigned int credentials_tried = 0;  // git_credential_t bits already offered
  std::string push_rejection;          // "<ref>: <reason>" when the remote refused an update
  git_remote_callbacks callbacks;

  RemoteSession();
  RemoteSession(const RemoteSession&) = delete;
  RemoteSession& operator=(const RemoteSession&) = delete;
};

// ---- editor state during sync ------------------------------------------------

// A vault synced by an older tool may track the editor's state files
// (.obsidian/workspace.json...), which vaultlink never commits. Left dirty or
// untracked in the way, they would make the SAFE checkout of a fast-forward or
// merge fail — the classic "conflict on workspace.json". This sets each such
// file aside (this machine's bytes kept in memory, the file reset to HEAD's
// version or removed), and put_back() — or the destructor, when integration
// threw — writes this machine's bytes back: a machine's editor state is its own.
class EditorStateAside {
 public:
  EditorStateAside(const VaultRepo& repo, const Settings& settings, git_tree* ours, git_tree* theirs);
  ~EditorStateAside();
  EditorStateAside(const EditorStateAside&) = delete;
  EditorStateAside& operator=(const EditorStateAside&) = delete;
  void put_back();

 private:
  std::filesystem::path workdir_;
  std::vector<std::pair<std::string, std::string>> saved_;  // repo path, bytes
};

// ---- files -------------------------------------------------------------------

// Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& file);

}  // namespace vaultlink::gitx
