// Watching the vault and the host's side of the event queue.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_watch_start(vl_vault* vault) {
  return guarded([&] {
    std::lock_guard lock(require(vault, "vault")->mutex);
    if (!vault->watch) {
      ensure_read(*vault);
      vault->watch = std::make_unique<WatchSession>(*vault);
    }
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_watch_stop(vl_vault* vault) {
  return guarded([&] {
    std::unique_ptr<WatchSession> stopping;
    {
      std::lock_guard lock(require(vault, "vault")->mutex);
      stopping = std::move(vault->watch);
    }
    // Joined without the handle's lock: the watch thread may be waiting for it.
    stopping.reset();
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_event_fd(int* out_fd, vl_vault* vault) {
  if (out_fd != nullptr) *out_fd = -1;
  return guarded([&] {
    *require(out_fd, "out_fd") = require(vault, "vault")->events.fd();
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_next_event(char** out_json, vl_vault* vault) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    // Only the queue's own lock: the host must be able to drain events while
    // another of its threads runs a long call on the handle.
    auto event = require(vault, "vault")->events.pop();
    if (!event) return VL_EAGAIN;
    *out_json = to_c_string(*event);
    return VL_OK;
  });
}

}
