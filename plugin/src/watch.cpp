// Watching the vault and the host's side of the event queue.
#include <mutex>

#include "abi_error.hpp"
#include "vault_handle.hpp"

using namespace vaultlink::abi;

extern "C" {

VL_EXPORT int vl_vault_watch_start(vl_vault* vault) {
  return guarded([&] {
    require(vault, "vault");
    // The watcher (core/watcher.hpp) has not landed in this build.
    return fail(VL_ENOTSUPPORTED, "watching is not supported by this build of libvaultlink yet");
  });
}

VL_EXPORT int vl_vault_watch_stop(vl_vault* vault) {
  return guarded([&] {
    require(vault, "vault");
    return fail(VL_ENOTSUPPORTED, "watching is not supported by this build of libvaultlink yet");
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
