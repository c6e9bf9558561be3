#include "watch_session.hpp"

#include <mutex>

#include "vault_handle.hpp"
#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink::abi {
namespace {

// Each note's diagnostics as a JSON array, every note of the vault present.
std::map<std::string, nlohmann::json, std::less<>> diagnostics_by_note(const Vault& vault) {
  std::map<std::string, nlohmann::json, std::less<>> by_note;
  for (const auto& path : vault.index().note_paths()) by_note[path] = nlohmann::json::array();
  for (const auto& diagnostic : vault.check()) {
    auto& list = by_note[diagnostic.path];
    if (list.is_null()) list = nlohmann::json::array();
    list.push_back(to_json(diagnostic));
  }
  return by_note;
}

}  // namespace

WatchSession::WatchSession(vl_vault& handle)
    : handle_(handle), watcher_(make_watcher(handle.root, watcher_options(handle.vault->settings()))) {
  // What the host has been shown so far is the state at open: record it, so
  // only changes from here on are posted.
  for (auto& [path, list] : diagnostics_by_note(*handle_.vault)) posted_[path] = list.dump();
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

WatchSession::~WatchSession() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void WatchSession::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      auto batch = watcher_->next_batch(std::chrono::milliseconds(100));
      if (!batch) continue;
      for (const auto& problem : batch->problems)
        handle_.events.push(nlohmann::json{{"type", "error"}, {"message", problem}}.dump());
      if (batch->changes.empty() && !batch->rescan_needed) continue;
      std::lock_guard lock(handle_.mutex);
      refresh();
    } catch (const std::exception& error) {
      // Background failures go to the host as events; the thread keeps going.
      handle_.events.push(nlohmann::json{{"type", "error"}, {"message", error.what()}}.dump());
    }
  }
}

void WatchSession::refresh() {
  // The whole vault is re-read: simple and always right, but it costs a cold
  // load per batch. The incremental session replaces this when it lands.
  reload(handle_);
  auto now = diagnostics_by_note(*handle_.vault);
  for (auto& [path, list] : now) {
    std::string text = list.dump();
    auto before = posted_.find(path);
    if (before != posted_.end() && before->second == text) continue;
    handle_.events.push(nlohmann::json{{"type", "diagnostics"}, {"path", path}, {"diagnostics", list}}.dump());
    posted_[path] = std::move(text);
  }
  for (auto it = posted_.begin(); it != posted_.end();) {
    if (now.contains(it->first)) {
      ++it;
      continue;
    }
    // A note that went away has no diagnostics any more.
    handle_.events.push(
        nlohmann::json{{"type", "diagnostics"}, {"path", it->first}, {"diagnostics", nlohmann::json::array()}}.dump());
    it = posted_.erase(it);
  }
}

}  // namespace vaultlink::abi
