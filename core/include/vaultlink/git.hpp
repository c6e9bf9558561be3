#pragma once
// Versioning a vault through libgit2: commit what changed, sync with a remote,
// read a note's history and restore an old version of it.
//
// The vault may be the repository's working directory or any folder below it;
// only files under the vault are ever staged. Every function opens the
// repository afresh (cheap next to the work done) so no handle outlives a call
// and a repository changed by the git CLI in between is always seen as it is.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/settings.hpp"

namespace vaultlink {

// Any failure: no repository, detached HEAD, a merge in progress, a held lock,
// an unreachable remote... what() is a sentence meant for the user.
struct GitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Written at the vault root when sync leaves conflicts; lists the conflicted
// files as wikilinks. Never committed.
inline constexpr std::string_view kConflictNoteName = "vaultlink-conflicts.md";

struct ChangedFile {
  char status = 'M';     // 'A' added, 'M' modified, 'D' deleted, 'R' renamed, 'T' type changed
  std::string path;      // vault-relative, '/'-separated
  std::string old_path;  // for 'R': the previous path
  friend bool operator==(const ChangedFile&, const ChangedFile&) = default;
};

// ---- commit message ------------------------------------------------------

struct MessageContext {
  std::chrono::system_clock::time_point date;
  std::string hostname;
  std::vector<ChangedFile> files;
};

// Replaces {{date}} (local time, YYYY-MM-DD HH:MM:SS), {{numFiles}}, {{files}}
// (comma-separated, the first 10 then "and N more") and {{hostname}}; unknown
// placeholders are kept as written. The body lists every changed file, one per
// line with its status letter. An empty template falls back to the manifest's
// default wording.
std::string render_commit_message(std::string_view message_template, const MessageContext& context);

// ---- commit --------------------------------------------------------------

struct CommitOptions {
  std::string message_template;  // empty: settings.git_message_template
  // How long a held .git/index.lock is waited for before giving up.
  std::chrono::milliseconds lock_timeout{2000};
  std::optional<std::chrono::system_clock::time_point> now;  // for {{date}}; default: the clock
  // Vault-relative paths the caller knows changed (added, modified, deleted,
  // either side of a rename), e.g. from the file watcher. When given, only
  // these are staged and the scan of the whole vault is skipped, so a commit
  // costs what changed rather than the vault's size. A listed folder is
  // scanned. Changes not listed wait for the next commit without the list.
  std::optional<std::vector<std::string>> changed_paths;
};

enum class CommitOutcome {
  committed,
  nothing_to_commit,     // no change under the vault (volatile editor state does not count)
  conflicts_unresolved,  // notes listed in the conflict note still hold conflict markers
};

struct CommitResult {
  CommitOutcome outcome = CommitOutcome::nothing_to_commit;
  std::string commit_id;                // hex, when committed
  std::string message;                  // when committed
  std::vector<ChangedFile> files;       // what the commit changed
  std::vector<std::string> unresolved;  // vault-relative files still holding markers
  bool concluded_merge = false;         // the commit finished a merge that sync left conflicted
};

// Finds the repository at or above `vault` (creating one in the vault when
// settings.git_init is set), refuses a detached HEAD or a merge/rebase/
// cherry-pick in progress, stages every added, modified, deleted or renamed
// file under the vault except those .gitignore or settings.git_ignored_paths
// exclude, and commits with the author from git config (user.name,
// user.email), else settings.git_author_name/email. Never makes an empty commit.
//
// After a conflicted sync: while any file listed in the conflict note still
// has conflict markers, returns conflicts_unresolved and commits nothing; once
// the markers are gone it commits the merge (both parents), ends git's merge
// state and deletes the conflict note.
CommitResult commit_vault(const std::filesystem::path& vault, const Settings& settings,
                          const CommitOptions& options = {});

// ---- sync ----------------------------------------------------------------

enum class MergeOutcome { no_remote_branch, up_to_date, fast_forwarded, merged, conflicts };

struct SyncResult {
  CommitResult local_commit;             // pending local changes committed first
  MergeOutcome merge = MergeOutcome::up_to_date;
  std::string merge_commit_id;           // when merged
  bool pushed = false;
  std::vector<std::string> conflicted;   // vault-relative, when merge == conflicts
  std::filesystem::path conflict_note;   // when merge == conflicts
};

// Commits pending changes (commit_vault), fetches settings.git_remote
// ("origin" when empty), fast-forwards or merges its copy of the current
// branch, and pushes. When both sides changed the same lines of a note, the
// note gets git's conflict markers (both versions kept), the conflict note is
// written, git's merge state is left in place, nothing is pushed, and
// commit_vault will not commit until the markers are gone.
// Credentials: local paths and file:// need none; ssh uses ssh-agent; http(s)
// gets the platform's default (NTLM/Negotiate) credentials only — libgit2 does
// not run git's credential helpers.
SyncResult sync_vault(const std::filesystem::path& vault, const Settings& settings,
                      const CommitOptions& options = {});

// ---- history -------------------------------------------------------------

struct NoteRevision {
  std::string commit_id;  // hex
  std::string path;       // vault-relative path of the note in that commit
  std::string author;
  std::string email;
  std::int64_t time = 0;  // seconds since the epoch
  std::string summary;    // first line of the message
};

// Commits that changed `note` (vault-relative), newest first, following
// renames: when a commit adds the note, the commit's other changes are searched
// for the file it was renamed from, and the walk continues under that name.
// `limit` 0 means all.
std::vector<NoteRevision> note_history(const std::filesystem::path& vault, std::string_view note,
                                       std::size_t limit = 0);

struct RestoreResult {
  std::string commit_id;    // the revision restored from (hex)
  std::string source_path;  // vault-relative path of the note in that revision
  bool changed = false;     // false when the file already had those bytes
};

// Writes the note's content at `revision` (anything git rev-parse accepts:
// a hash, HEAD~2, a branch) over the note, atomically. The note's name in that
// revision may differ (renames are followed). Nothing is committed.
RestoreResult restore_note(const std::filesystem::path& vault, std::string_view note,
                           std::string_view revision);

}  // namespace vaultlink
