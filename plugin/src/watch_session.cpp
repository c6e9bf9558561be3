#include "watch_session.hpp"

#include <mutex>

#include <nlohmann/json.hpp>

#include "vault_handle.hpp"
#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink::abi {
namespace {

void post_error(vl_vault& handle, const std::string& message) {
  handle.events.push(nlohmann::json{{"type", "error"}, {"message", message}}.dump());
}

}  // namespace

WatchSession::WatchSession(vl_vault& handle) : handle_(handle), watch_(*handle.session) {
  // What the host has been shown so far is the state at start: computed now,
  // so that only changes from here on are posted.
  handle_.session->all_diagnostics();
  if (!watch_.committer().enabled() && !watch_.committer().disabled_reason().empty()) {
    // The settings ask for commits the vault cannot have (no repository):
    // said once, so the host can tell its user.
    handle_.events.push(
        nlohmann::json{{"type", "auto_commit_off"}, {"reason", watch_.committer().disabled_reason()}}.dump());
  }
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

WatchSession::~WatchSession() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void WatchSession::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      // Waiting needs no lock: the host's calls go on meanwhile.
      auto batch = watch_.wait(std::chrono::milliseconds(100));
      std::lock_guard lock(handle_.mutex);
      post(watch_.process(std::move(batch)));
    } catch (const std::exception& error) {
      // Background failures go to the host as events; the thread keeps going.
      post_error(handle_, error.what());
    }
  }
  try {
    std::lock_guard lock(handle_.mutex);
    post(watch_.finish());
  } catch (const std::exception& error) {
    post_error(handle_, error.what());
  }
}

void WatchSession::post(const WatchActivity& activity) {
  for (const auto& problem : activity.problems) post_error(handle_, problem);
  if (activity.update) {
    if (activity.update->rescanned) handle_.events.push(nlohmann::json{{"type", "rescan"}}.dump());
    for (const auto& note : activity.update->diagnostics_changed) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& diagnostic : handle_.session->diagnostics(note)) list.push_back(to_json(diagnostic));
      handle_.events.push(nlohmann::json{{"type", "diagnostics"}, {"path", note}, {"diagnostics", list}}.dump());
    }
    for (const auto& outcome : activity.update->backlinks) {
      nlohmann::json event = {{"type", "write"}, {"path", outcome.path}, {"status", to_string(outcome.status)}};
      if (!outcome.message.empty()) event["message"] = outcome.message;
      handle_.events.push(event.dump());
    }
  }
  if (activity.commit && activity.commit->outcome != CommitOutcome::nothing_to_commit) {
    nlohmann::json event = {{"type", "commit"}};
    if (activity.commit->outcome == CommitOutcome::committed) {
      event["commit"] = activity.commit->commit_id;
      event["message"] = activity.commit->message;
      event["files"] = activity.commit->files.size();
      event["concluded_merge"] = activity.commit->concluded_merge;
    } else {
      event["unresolved"] = activity.commit->unresolved;
    }
    handle_.events.push(event.dump());
  }
}

}  // namespace vaultlink::abi
