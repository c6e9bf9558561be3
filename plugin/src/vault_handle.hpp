#pragma once
// What a vl_vault * points to. One mutex per handle serialises the host's
// calls on it (hosts may call from several threads); the event queue has its
// own lock so background threads can post while a call is running.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "event_queue.hpp"
#include "watch_session.hpp"
#include "vaultlink.h"
#include "vaultlink/session.hpp"

struct vl_vault {
  std::mutex mutex;
  std::filesystem::path root;    // canonical
  nlohmann::json host_settings;  // the host's overrides, re-applied on every reload
  bool use_cache = true;         // vl_open_options::use_cache, for every (re)load
  // The vault as last read (empty until first needed with defer_read); while
  // watching, the watcher keeps it current.
  std::optional<vaultlink::Session> session;
  vaultlink::abi::EventQueue events;
  // Declared last so it is destroyed first: its thread uses everything above.
  std::unique_ptr<vaultlink::abi::WatchSession> watch;
};

namespace vaultlink::abi {

// Loads (or re-loads) the vault from disk with its current settings file and
// the host's overrides. On failure it throws and the handle keeps its vault.
// While the vault is watched this does nothing: the watcher keeps the
// session current, and its thread holds on to it.
void reload(vl_vault& handle);

// Reads the vault with its current settings file and the host's overrides,
// through the index cache when the handle uses it.
Vault load_vault(const vl_vault& handle, const ProgressFn& progress = {});

// Reads the vault when it has not been read yet (vl_open_options::defer_read).
inline void ensure_read(vl_vault& handle) {
  if (!handle.session) reload(handle);
}

// The vault as the handle knows it now (read: see ensure_read).
inline const Vault& current_vault(const vl_vault& handle) { return handle.session->vault(); }

// The vault-relative, '/'-separated form of `path` (absolute, or relative to
// the root). Throws AbiError(VL_EINVALID) when it lies outside the vault.
std::string vault_relative(const vl_vault& handle, const std::string& path);

}  // namespace vaultlink::abi
