#pragma once
// Commits after the vault has been quiet: a commit never lands mid-typing.
// Changed paths accumulate; once no change arrived for gitQuietSeconds, one
// commit takes them all (staging only those paths, so its cost follows the
// change, not the vault's size).
#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "vaultlink/git.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

class AutoCommitter {
 public:
  using Clock = std::chrono::steady_clock;

  AutoCommitter(std::filesystem::path root, Settings settings);

  // Off when the settings say so (gitAutoCommit false) or after a failure
  // that will not go away by itself (no repository and gitInit false).
  bool enabled() const { return enabled_; }
  // Why it is off when the settings asked for it: e.g. "no git repository at or above ...".
  const std::string& disabled_reason() const { return disabled_reason_; }
  void note_changes(const std::vector<std::string>& paths, Clock::time_point now);
  // Changes are not known path by path (events were lost): the next commit
  // looks at the whole vault.
  void note_unknown_changes(Clock::time_point now);
  bool pending() const { return whole_vault_ || !pending_.empty(); }
  // How long until a pending commit is due (zero when due now); nullopt when nothing is pending.
  std::optional<Clock::duration> time_until_due(Clock::time_point now) const;
  // Commits the pending changes when the vault has been quiet long enough.
  std::optional<CommitResult> commit_if_due(Clock::time_point now);
  // Commits the pending changes now (on shutdown). Throws GitError on failure
  // and keeps them pending, to be tried again after another quiet interval.
  std::optional<CommitResult> flush();

 private:
  std::filesystem::path root_;
  Settings settings_;
  bool enabled_ = true;
  std::string disabled_reason_;
  std::set<std::string> pending_;
  bool whole_vault_ = false;
  Clock::time_point last_change_{};
};

}  // namespace vaultlink
