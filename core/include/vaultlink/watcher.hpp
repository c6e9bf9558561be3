#pragma once
// Watching a vault folder for changes, behind a platform-neutral interface.
//
// The watcher reports what changed in the vault's files as coalesced batches
// of vault-relative paths. It runs its own thread but never calls anyone from
// it: the consumer pulls batches (next_batch), optionally after polling
// ready_fd(), so that hosts whose runtimes cannot be entered from a foreign
// thread (LuaJIT, Node) can wait on a plain file descriptor.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaultlink {

struct Settings;

struct FileChange {
  enum class Kind { created, modified, removed, renamed };
  Kind kind = Kind::modified;
  std::string path;      // vault-relative, '/'-separated; for renamed: the new path
  std::string old_path;  // renamed only: the path the file had before
  friend bool operator==(const FileChange&, const FileChange&) = default;
};

std::string_view to_string(FileChange::Kind kind);

// The net effect of the changes since the previous batch, relative to the
// state the consumer saw then:
//  - created: the file exists now and did not before;
//  - modified: the file existed before and exists now, its bytes may differ
//    (this includes a file replaced by a rename over it, or deleted and
//    written again, as editors do when saving);
//  - removed: the file existed before and does not now;
//  - renamed: the file at old_path now lives at path; old_path no longer
//    exists and path did not exist before. A renamed file whose bytes also
//    changed is listed a second time, as modified.
// Apart from that one exception each path appears at most once. Entries are
// ordered renamed, removed, created, modified, each sorted by path.
struct ChangeBatch {
  std::vector<FileChange> changes;
  // Events were lost (the kernel's queue overflowed, or a rescan was
  // requested): `changes` is empty and the consumer must rescan the vault.
  bool rescan_needed = false;
  // Sentences about trouble the watcher met (a folder it could not watch, the
  // vault folder itself removed); they do not stop the watcher.
  std::vector<std::string> problems;
};

struct WatcherOptions {
  // A batch is released once no change arrived for this long...
  std::chrono::milliseconds debounce{200};
  // ...or, under a continuous stream of changes, at the latest this long after
  // its first change (zero: ten times the debounce), so batches never starve.
  std::chrono::milliseconds max_latency{0};
  // Vault-relative folders that are neither watched nor reported.
  std::vector<std::string> excluded_folders;
};

// The watcher options a vault's settings ask for (debounceMs, excludedFolders).
WatcherOptions watcher_options(const Settings& settings);

class Watcher {
 public:
  virtual ~Watcher() = default;
  Watcher() = default;
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // The next batch of changes, waiting up to `timeout` for one (zero: do not
  // wait). std::nullopt when none became ready in time. Meant for one consumer
  // thread; batches not yet taken are merged, so a slow consumer gets fewer,
  // larger batches rather than a growing queue.
  virtual std::optional<ChangeBatch> next_batch(std::chrono::milliseconds timeout) = 0;

  // A descriptor that is readable (POLLIN) exactly while a batch is ready.
  // Owned by the watcher: poll it, never read or close it.
  virtual int ready_fd() const = 0;

  // Re-reads the whole tree and delivers a batch with rescan_needed, exactly
  // as after a kernel queue overflow. For hosts that know they missed events
  // (a suspend, a remount) and for tests of the overflow path.
  virtual void request_rescan() = 0;
};

// Starts watching `root` recursively; every change made after this returns is
// reported. Throws std::system_error when root cannot be watched (not a
// folder, no inotify instance left) and std::runtime_error on platforms
// without a watcher.
std::unique_ptr<Watcher> make_watcher(const std::filesystem::path& root, WatcherOptions options);

// True for file and folder names the watcher never reports: dot files and dot
// folders (.git, .obsidian, .trash, .vaultlink, our own .*.vaultlink-tmp),
// editor backup, swap and probe files (name~, *.swp, *.swx, Vim's 4913,
// Emacs's #name#).
bool watcher_ignores_name(std::string_view name);

}  // namespace vaultlink
