#pragma once
// Watching a vault for the C ABI: a background thread takes the watcher's
// batches, applies them to the handle's session (diagnostics, backlinks
// sections, the commit after a quiet period) and posts what happened as
// events. It never calls the host.
#include <stop_token>
#include <thread>

#include "vaultlink/vault_watch.hpp"

struct vl_vault;

namespace vaultlink::abi {

class WatchSession {
 public:
  // Starts watching `handle`'s vault; throws when the folder cannot be watched.
  // Must be called with handle.mutex held.
  explicit WatchSession(vl_vault& handle);
  // Stops the thread, which first finishes pending writes and the pending
  // commit, and waits for it. Must not be called with handle.mutex held.
  ~WatchSession();

 private:
  void run(std::stop_token stop);
  void post(const WatchActivity& activity);  // with handle_.mutex held

  vl_vault& handle_;
  VaultWatch watch_;
  std::jthread thread_;
};

}  // namespace vaultlink::abi
