#include "batch_mailbox.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

namespace vaultlink {

BatchMailbox::BatchMailbox() : ready_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (ready_fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot create the watcher's eventfd");
}

BatchMailbox::~BatchMailbox() { close(ready_fd_); }

bool BatchMailbox::waiting() const { return rescan_needed_ || !problems_.empty() || !changes_.empty(); }

void BatchMailbox::set_readable(bool ready) {
  if (ready == readable_) return;
  if (ready) {
    std::uint64_t one = 1;
    // Cannot fail: the counter is at most 1, far below its limit.
    [[maybe_unused]] ssize_t written = write(ready_fd_, &one, sizeof one);
  } else {
    std::uint64_t drained = 0;
    [[maybe_unused]] ssize_t got = read(ready_fd_, &drained, sizeof drained);
  }
  readable_ = ready;
}

void BatchMailbox::post(ChangeBatch batch) {
  std::lock_guard lock(mutex_);
  if (batch.rescan_needed) {
    // The consumer rescans everything; the changes before are part of that.
    rescan_needed_ = true;
    changes_ = ChangeCoalescer{};
  } else if (!rescan_needed_) {
    for (const FileChange& change : batch.changes) changes_.apply(change);
  }
  for (std::string& problem : batch.problems) problems_.push_back(std::move(problem));
  // Merging can cancel out (created, then removed before anyone looked).
  set_readable(waiting());
  if (readable_) ready_.notify_all();
}

std::optional<ChangeBatch> BatchMailbox::take(std::chrono::milliseconds timeout) {
  // "Forever" spelled as milliseconds::max() would overflow the clock arithmetic.
  timeout = std::min(timeout, std::chrono::milliseconds(std::chrono::hours(24 * 365)));
  std::unique_lock lock(mutex_);
  if (!ready_.wait_for(lock, timeout, [this] { return readable_; })) return std::nullopt;
  ChangeBatch batch;
  batch.changes = changes_.take();
  batch.rescan_needed = std::exchange(rescan_needed_, false);
  batch.problems = std::exchange(problems_, {});
  set_readable(false);
  return batch;
}

}  // namespace vaultlink
