// A held index.lock is the usual sign of a git process running right now (an
// editor's git plugin, a cron job) or one that crashed. Waiting briefly covers
// the first; for the second only the user can know, so the lock is named in
// the error and never removed here.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "git_repo.hpp"
#include "vaultlink/fs.hpp"

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

IndexLockFile::IndexLockFile(const VaultRepo& repo, std::chrono::steady_clock::time_point deadline)
    : lock_(index_lock_path(repo)), index_(repo.git_dir / "index") {
  for (;;) {
    // O_EXCL: exactly one process holds the lock, as with git's own lock files.
    fd_ = ::open(lock_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) return;
    if (errno != EEXIST) throw GitError("cannot create " + lock_.string() + ": " + std::strerror(errno));
    if (std::chrono::steady_clock::now() >= deadline) throw_locked(lock_);
    std::this_thread::sleep_for(kPollInterval);
  }
}

IndexLockFile::~IndexLockFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(lock_.c_str());
}

void IndexLockFile::replace_index(std::string_view bytes) {
  if (const int error = write_all(fd_, bytes))
    throw GitError("cannot write " + lock_.string() + ": " + std::strerror(error));
  // No fsync, as git and libgit2 write the index by default: a lost index
  // is rebuilt from HEAD and the working directory, no content is lost.
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0 || std::rename(lock_.c_str(), index_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(lock_.c_str());
    throw GitError("cannot replace " + index_.string() + ": " + reason);
  }
}

}  // namespace vaultlink::gitx
