#include "vaultlink/auto_commit.hpp"

#include "git_repo.hpp"

namespace vaultlink {

AutoCommitter::AutoCommitter(std::filesystem::path root, Settings settings)
    : root_(std::move(root)), settings_(std::move(settings)), enabled_(settings_.git_auto_commit) {
  if (!enabled_ || settings_.git_init) return;
  try {
    gitx::open_vault_repository(root_, false);
  } catch (const GitError& error) {
    // A vault outside git is a normal choice, not a failure to repeat after every save.
    enabled_ = false;
    disabled_reason_ = error.what();
  }
}

void AutoCommitter::note_changes(const std::vector<std::string>& paths, Clock::time_point now) {
  if (!enabled_ || paths.empty()) return;
  pending_.insert(paths.begin(), paths.end());
  last_change_ = now;  // every change restarts the quiet interval
}

void AutoCommitter::note_unknown_changes(Clock::time_point now) {
  if (!enabled_) return;
  whole_vault_ = true;
  last_change_ = now;
}

std::optional<AutoCommitter::Clock::duration> AutoCommitter::time_until_due(Clock::time_point now) const {
  if (!enabled_ || !pending()) return std::nullopt;
  const auto due = last_change_ + std::chrono::seconds(settings_.git_quiet_seconds);
  return due > now ? due - now : Clock::duration::zero();
}

std::optional<CommitResult> AutoCommitter::commit_if_due(Clock::time_point now) {
  auto wait = time_until_due(now);
  if (!wait || *wait > Clock::duration::zero()) return std::nullopt;
  return flush();
}

std::optional<CommitResult> AutoCommitter::flush() {
  if (!enabled_ || !pending()) return std::nullopt;
  CommitOptions options;
  if (!whole_vault_) options.changed_paths = std::vector<std::string>(pending_.begin(), pending_.end());
  try {
    CommitResult result = commit_vault(root_, settings_, options);
    pending_.clear();
    whole_vault_ = false;
    return result;
  } catch (const GitError&) {
    // Kept for the next attempt (a held index.lock goes away), which waits
    // for another quiet interval rather than retrying in a tight loop.
    last_change_ = Clock::now();
    throw;
  }
}

}  // namespace vaultlink
