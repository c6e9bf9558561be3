#pragma once
// Watching a vault for the C ABI: a background thread takes the watcher's
// batches, brings the handle's vault up to date and posts a "diagnostics"
// event for every note whose diagnostics changed. It never calls the host.
#include <map>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "vaultlink/watcher.hpp"

struct vl_vault;

namespace vaultlink::abi {

class WatchSession {
 public:
  // Starts watching `handle`'s root; throws when the folder cannot be watched.
  explicit WatchSession(vl_vault& handle);
  // Stops the thread and waits for it. Must not be called with handle.mutex held.
  ~WatchSession();

 private:
  void run(std::stop_token stop);
  void refresh();  // with handle_.mutex held

  vl_vault& handle_;
  std::unique_ptr<Watcher> watcher_;
  // Each note's diagnostics as last posted (JSON array text), to post changes only.
  std::map<std::string, std::string, std::less<>> posted_;
  std::jthread thread_;
};

}  // namespace vaultlink::abi
