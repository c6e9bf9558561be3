#include "vault_watcher.hpp"

#include <chrono>

namespace vaultlink::lsp {
namespace {

bool same_options(const WatcherOptions& a, const WatcherOptions& b) {
  return a.debounce == b.debounce && a.max_latency == b.max_latency && a.excluded_folders == b.excluded_folders;
}

}  // namespace

void VaultWatcher::follow(const std::filesystem::path& root, WatcherOptions options) {
  if (watcher_ && root == root_ && same_options(options, options_)) return;
  // Started before the previous one stops, so no moment goes unwatched.
  auto started = make_watcher(root, options);
  watcher_ = std::move(started);
  root_ = root;
  options_ = std::move(options);
}

std::optional<ChangeBatch> VaultWatcher::take_ready() {
  if (!watcher_) return std::nullopt;
  return watcher_->next_batch(std::chrono::milliseconds(0));
}

}  // namespace vaultlink::lsp
