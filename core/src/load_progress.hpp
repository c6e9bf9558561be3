#pragma once
// Counts the files a parallel load has finished and reports every 256th and
// the last. The count is taken before the report's lock, so two threads can
// reach the lock in the other order (512 after 600); a report below one
// already made is dropped, so the host sees a count that never goes back and
// whose last report is the total.
#include <atomic>
#include <cstddef>
#include <mutex>

#include "vaultlink/vault.hpp"

namespace vaultlink {

class LoadProgress {
 public:
  LoadProgress(const ProgressFn& report, std::size_t total) : report_(report), total_(total) {}

  // Called by a loading thread once per file it finished.
  void file_finished() {
    const std::size_t finished = ++finished_;
    if (report_ && (finished % 256 == 0 || finished == total_)) report(finished);
  }

  // Passes `finished` on unless a larger count was reported already.
  void report(std::size_t finished) {
    std::lock_guard lock(mutex_);
    if (finished <= reported_) return;
    reported_ = finished;
    report_(finished, total_);
  }

 private:
  const ProgressFn& report_;
  const std::size_t total_;
  std::atomic<std::size_t> finished_{0};
  std::mutex mutex_;
  std::size_t reported_ = 0;
};

}  // namespace vaultlink
