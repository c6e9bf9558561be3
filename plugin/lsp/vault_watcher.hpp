#pragma once
// The server's file watcher, kept in step with the settings the vault is
// loaded with: a watcher's debounce and excluded folders are fixed when it
// starts, so new values of debounceMs or excludedFolders start a new one.
#include <filesystem>
#include <memory>
#include <optional>

#include "vaultlink/watcher.hpp"

namespace vaultlink::lsp {

class VaultWatcher {
 public:
  // Watches `root` with `options` from now on; nothing happens when that is
  // what it already does. Called before the vault's files are read with the
  // settings `options` come from, so a change made while they are read is
  // reported by the new watcher; what the previous one had not delivered yet
  // is dropped, as that load reads it anyway. Throws what make_watcher
  // throws, keeping the previous watcher (if any) running.
  void follow(const std::filesystem::path& root, WatcherOptions options);

  // Readable while a batch is ready; -1 when nothing is watched (poll ignores it).
  int ready_fd() const { return watcher_ ? watcher_->ready_fd() : -1; }
  // The batch ready now, if any.
  std::optional<ChangeBatch> take_ready();

 private:
  std::unique_ptr<Watcher> watcher_;
  std::filesystem::path root_;
  WatcherOptions options_;
};

}  // namespace vaultlink::lsp
