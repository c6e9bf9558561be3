// A held index.lock is the usual sign of a git process running right now (an
// editor's git plugin, a cron job) or one that crashed. Waiting briefly covers
// the first; for the second only the user can know, so the lock is named in
// the error and never removed here.
#include <thread>

#include "git_repo.hpp"

namespace vaultlink::gitx {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(25);

[[noreturn]] void throw_locked(const std::filesystem::path& lock) {
  throw GitError("the git repository is locked: " + lock.string() +
                 " exists (another git process is working on it). vaultlink waited and gave up; it never "
                 "deletes a lock that may be live. If no git process is running, delete that file and retry.");
}

}  // namespace

std::filesystem::path index_lock_path(const VaultRepo& repo) { return repo.git_dir / "index.lock"; }

void wait_for_index_lock(const VaultRepo& repo, std::chrono::steady_clock::time_point deadline) {
  const auto lock = index_lock_path(repo);
  std::error_code error;
  while (std::filesystem::exists(lock, error)) {
    if (std::chrono::steady_clock::now() >= deadline) throw_locked(lock);
    std::this_thread::sleep_for(kPollInterval);
  }
}

void retry_while_locked(const std::filesystem::path& lock, std::chrono::steady_clock::time_point deadline,
                        const std::function<int()>& attempt, std::string_view what) {
  for (;;) {
    int code = attempt();
    if (code != GIT_ELOCKED) {
      check(code, what);
      return;
    }
    git_error_clear();
    if (std::chrono::steady_clock::now() >= deadline) throw_locked(lock);
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace vaultlink::gitx
