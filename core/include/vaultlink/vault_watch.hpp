#pragma once
// The watch loop's steps, shared by `vaultlink watch` and the library's
// background thread: take the watcher's batches, apply them to the session,
// and commit once the vault has been quiet.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vaultlink/auto_commit.hpp"
#include "vaultlink/session.hpp"
#include "vaultlink/watcher.hpp"

namespace vaultlink {

// What one step did, for the host to report.
struct WatchActivity {
  std::optional<SessionUpdate> update;  // a batch was applied
  std::optional<CommitResult> commit;   // a commit was attempted and returned
  std::vector<std::string> problems;    // watcher trouble, failed commits: sentences for the user
  bool empty() const { return !update && !commit && problems.empty(); }
};

class VaultWatch {
 public:
  // Starts watching the session's vault with its settings (debounceMs,
  // excludedFolders, the git settings). Throws std::system_error when the
  // folder cannot be watched.
  explicit VaultWatch(Session& session);

  // Readable while a batch is ready: hosts poll it next to their own descriptors.
  int ready_fd() const { return watcher_->ready_fd(); }
  // Waits up to `timeout`, less when a commit falls due sooner, for the next
  // batch. Touches only the watcher, so callers need not hold the session's lock.
  std::optional<ChangeBatch> wait(std::chrono::milliseconds timeout);
  // Applies `batch` (if any) and commits when due. The session must not be
  // used concurrently while this runs.
  WatchActivity process(std::optional<ChangeBatch> batch);
  // On shutdown: applies any batch already waiting and commits what is pending.
  WatchActivity finish();

  const AutoCommitter& committer() const { return committer_; }

 private:
  WatchActivity commit(bool now);

  Session& session_;
  std::unique_ptr<Watcher> watcher_;
  AutoCommitter committer_;
};

}  // namespace vaultlink
