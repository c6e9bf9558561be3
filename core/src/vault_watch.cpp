#include "vaultlink/vault_watch.hpp"

#include <algorithm>

namespace vaultlink {

VaultWatch::VaultWatch(Session& session)
    : session_(session),
      watcher_(make_watcher(session.vault().root(), watcher_options(session.vault().settings()))),
      committer_(session.vault().root(), session.vault().settings()) {
  // Edits made before the watch started, and the sections its first pass
  // writes, reach no change event: the first quiet interval commits whatever
  // the vault holds uncommitted (nothing, when it is clean: never an empty commit).
  committer_.note_unknown_changes(AutoCommitter::Clock::now());
}

std::optional<ChangeBatch> VaultWatch::wait(std::chrono::milliseconds timeout) {
  if (auto due = committer_.time_until_due(AutoCommitter::Clock::now()))
    timeout = std::min(timeout, std::chrono::ceil<std::chrono::milliseconds>(*due));
  return watcher_->next_batch(timeout);
}

WatchActivity VaultWatch::process(std::optional<ChangeBatch> batch) {
  WatchActivity activity;
  if (batch) {
    activity.problems = batch->problems;
    if (!batch->changes.empty() || batch->rescan_needed) {
      SessionUpdate update;
      try {
        update = session_.apply(*batch);
      } catch (const std::exception& error) {
        // E.g. the vault folder went away during a rescan: say so and keep
        // watching; the next batch (or the folder's return) tries again.
        activity.problems.push_back(std::string("could not apply the changes: ") + error.what());
        return activity;
      }
      // The commit takes what the user changed and the sections written for it.
      std::vector<std::string> touched = update.changed_files;
      for (const auto& outcome : update.backlinks) touched.push_back(outcome.path);
      if (update.rescanned)
        committer_.note_unknown_changes(AutoCommitter::Clock::now());  // after lost events, only a full scan is right
      else
        committer_.note_changes(touched, AutoCommitter::Clock::now());
      activity.update = std::move(update);
    }
  }
  WatchActivity committed = commit(false);
  activity.commit = std::move(committed.commit);
  activity.problems.insert(activity.problems.end(), committed.problems.begin(), committed.problems.end());
  return activity;
}

WatchActivity VaultWatch::finish() {
  WatchActivity activity = process(watcher_->next_batch(std::chrono::milliseconds(0)));
  WatchActivity committed = commit(true);
  if (committed.commit) activity.commit = std::move(committed.commit);
  activity.problems.insert(activity.problems.end(), committed.problems.begin(), committed.problems.end());
  return activity;
}

WatchActivity VaultWatch::commit(bool now) {
  WatchActivity activity;
  try {
    activity.commit = now ? committer_.flush() : committer_.commit_if_due(AutoCommitter::Clock::now());
  } catch (const std::exception& error) {
    activity.problems.push_back(std::string("commit failed: ") + error.what());
  }
  return activity;
}

}  // namespace vaultlink
