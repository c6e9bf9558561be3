#pragma once
// Where a watcher thread leaves released batches for the consumer: merges
// batches the consumer has not taken yet, and keeps an eventfd readable
// exactly while one is waiting, so hosts can poll it instead of being called.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include "vaultlink/change_coalescer.hpp"
#include "vaultlink/watcher.hpp"

namespace vaultlink {

class BatchMailbox {
 public:
  BatchMailbox();  // throws std::system_error when no eventfd can be made
  ~BatchMailbox();
  BatchMailbox(const BatchMailbox&) = delete;
  BatchMailbox& operator=(const BatchMailbox&) = delete;

  // Adds a released batch (merged into any batch still waiting).
  void post(ChangeBatch batch);
  // Takes the waiting batch, waiting up to `timeout` for one.
  std::optional<ChangeBatch> take(std::chrono::milliseconds timeout);
  int ready_fd() const { return ready_fd_; }

 private:
  bool waiting() const;          // requires mutex_
  void set_readable(bool ready);  // requires mutex_

  int ready_fd_ = -1;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  ChangeCoalescer changes_;
  bool rescan_needed_ = false;
  std::vector<std::string> problems_;
  bool readable_ = false;
};

}  // namespace vaultlink
