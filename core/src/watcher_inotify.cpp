// The watcher on Linux: inotify, one watch per folder.
//
// inotify reports entries of watched folders only, names folders by watch
// descriptor, and says nothing per file when a folder is removed or moved, so
// the watcher keeps a WatchedTree (folders and known files) and translates
// every kernel event into file-level changes against it. A thread owned by the
// watcher reads the events, folds them into a ChangeCoalescer and posts a
// batch to the mailbox once the vault has been quiet for the debounce.
#if defined(__linux__)

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <thread>

#include "batch_mailbox.hpp"
#include "vaultlink/change_coalescer.hpp"
#include "vaultlink/watcher.hpp"
#include "watched_tree.hpp"

namespace vaultlink {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kFolderEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM |
                                        IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
                                        IN_DONT_FOLLOW | IN_EXCL_UNLINK;

// The kernel queues both halves of a rename together, but a read can still
// land between them; a lone IN_MOVED_FROM at the end of what was read waits
// this long for its IN_MOVED_TO before it counts as a move out of the vault.
constexpr auto kRenamePairingGrace = std::chrono::milliseconds(10);

std::system_error last_system_error(const std::string& what) {
  return std::system_error(errno, std::generic_category(), what);
}

class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class InotifyWatcher final : public Watcher {
 public:
  InotifyWatcher(const fs::path& root, WatcherOptions options);
  ~InotifyWatcher() override;

  std::optional<ChangeBatch> next_batch(std::chrono::milliseconds timeout) override {
    return mailbox_.take(timeout);
  }
  int ready_fd() const override { return mailbox_.ready_fd(); }
  void request_rescan() override {
    rescan_requested_ = true;
    wake();
  }

 private:
  struct PendingMove {
    std::uint32_t cookie = 0;
    std::string path;
    bool is_folder = false;
    Clock::time_point deadline;
  };

  void wake();
  void run();
  int poll_timeout_ms(Clock::time_point now) const;
  void read_events(Clock::time_point now);
  void handle(const inotify_event& event, std::string_view name, Clock::time_point now);
  void release_if_quiet(Clock::time_point now);

  // Kernel events, translated.
  void arrived(const std::string& path, bool is_folder);
  void departed(const std::string& path, bool is_folder);
  void moved(const std::string& from, const std::string& to, bool is_folder);
  void file_appeared(const std::string& path);
  void settle_pending_move();
  void vault_folder_gone();

  // Watches `folder` and every folder below it, then lists them, so no entry
  // created before its folder's watch existed is missed. Files not known yet
  // are reported as created when `report` is set.
  void watch_tree(const std::string& folder, bool report);
  void rescan();

  bool is_excluded(const std::string& folder) const;
  fs::path absolute(const std::string& relative) const { return relative.empty() ? root_ : root_ / relative; }

  void emit_created(const std::string& path);
  void emit_modified(const std::string& path);
  void emit_removed(const std::string& path);
  void emit_renamed(const std::string& from, const std::string& to);
  void problem(std::string sentence);
  void note_activity();

  const fs::path root_;
  const WatcherOptions options_;
  UniqueFd inotify_;
  UniqueFd wake_;
  BatchMailbox mailbox_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> rescan_requested_{false};

  // Owned by the reading thread once it runs.
  WatchedTree tree_;
  ChangeCoalescer pending_;
  std::vector<std::string> pending_problems_;
  std::optional<PendingMove> pending_move_;
  std::optional<Clock::time_point> first_activity_;
  Clock::time_point last_activity_;

  std::thread reader_;  // last: starts after everything above exists
};

InotifyWatcher::InotifyWatcher(const fs::path& root, WatcherOptions options)
    : root_(fs::absolute(root)),
      options_([&] {
        if (options.debounce.count() < 0) options.debounce = std::chrono::milliseconds(0);
        if (options.max_latency.count() <= 0) options.max_latency = options.debounce * 10;
        for (std::string& folder : options.excluded_folders) {
          while (!folder.empty() && folder.back() == '/') folder.pop_back();
        }
        return options;
      }()),
      inotify_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (inotify_.get() < 0) throw last_system_error("cannot create an inotify instance");
  if (wake_.get() < 0) throw last_system_error("cannot create the watcher's eventfd");
  std::error_code error;
  if (!fs::is_directory(root_, error)) {
    throw std::system_error(error ? error : std::make_error_code(std::errc::not_a_directory),
                            "cannot watch " + root_.string());
  }
  // Below the root, a folder that cannot be watched is a problem to report;
  // the root itself is a failure to start.
  if (inotify_add_watch(inotify_.get(), root_.c_str(), kFolderEvents) < 0) {
    throw last_system_error("cannot watch " + root_.string());
  }
  watch_tree("", false);
  // Trouble below the root is reported with the first batch.
  if (!pending_problems_.empty()) note_activity();
  reader_ = std::thread([this] { run(); });
}

InotifyWatcher::~InotifyWatcher() {
  stopping_ = true;
  wake();
  reader_.join();
}

void InotifyWatcher::wake() {
  std::uint64_t one = 1;
  // Only fails when the counter is near 2^64, i.e. never.
  [[maybe_unused]] ssize_t written = write(wake_.get(), &one, sizeof one);
}

void InotifyWatcher::run() {
  try {
    while (!stopping_) {
      pollfd fds[2] = {{inotify_.get(), POLLIN, 0}, {wake_.get(), POLLIN, 0}};
      if (poll(fds, 2, poll_timeout_ms(Clock::now())) < 0) {
        if (errno == EINTR) continue;
        throw last_system_error("poll on the inotify descriptor failed");
      }
      if (fds[1].revents & POLLIN) {
        std::uint64_t drained = 0;
        [[maybe_unused]] ssize_t got = read(wake_.get(), &drained, sizeof drained);
        if (stopping_) break;
      }
      // One buffer per round, so a flood of events never delays shutdown.
      if (fds[0].revents & POLLIN) read_events(Clock::now());
      // After the events read so far, which the rescan then supersedes.
      if (rescan_requested_.exchange(false)) rescan();
      const auto now = Clock::now();
      if (pending_move_ && pending_move_->deadline <= now) settle_pending_move();
      release_if_quiet(now);
    }
  } catch (const std::exception& error) {
    // Nothing can be watched any more; say so rather than go silent.
    ChangeBatch batch;
    batch.rescan_needed = true;
    batch.problems.push_back(std::string("the watcher of ") + root_.string() + " stopped: " + error.what());
    mailbox_.post(std::move(batch));
  }
}

int InotifyWatcher::poll_timeout_ms(Clock::time_point now) const {
  std::optional<Clock::time_point> deadline;
  if (pending_move_) {
    // A batch is never released with half a rename in it.
    deadline = pending_move_->deadline;
  } else if (first_activity_) {
    deadline = std::min(last_activity_ + options_.debounce, *first_activity_ + options_.max_latency);
  }
  if (!deadline) return -1;
  if (*deadline <= now) return 0;
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count();
  return static_cast<int>(std::min<decltype(wait)>(wait, INT_MAX));
}

void InotifyWatcher::read_events(Clock::time_point now) {
  alignas(inotify_event) char buffer[64 * 1024];
  const ssize_t length = read(inotify_.get(), buffer, sizeof buffer);
  if (length < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    throw last_system_error("reading inotify events failed");
  }
  std::size_t offset = 0;
  while (offset + sizeof(inotify_event) <= static_cast<std::size_t>(length)) {
    inotify_event event;
    std::memcpy(&event, buffer + offset, sizeof event);
    const char* name = buffer + offset + sizeof event;
    offset += sizeof event + event.len;
    if (offset > static_cast<std::size_t>(length)) break;  // a torn event; the kernel never sends one
    handle(event, std::string_view(name, strnlen(name, event.len)), now);
  }
}

void InotifyWatcher::handle(const inotify_event& event, std::string_view name, Clock::time_point now) {
  // Anything but the other half of the waiting rename means there is none.
  if (pending_move_ && !((event.mask & IN_MOVED_TO) && event.cookie == pending_move_->cookie)) {
    settle_pending_move();
  }
  if (event.mask & IN_Q_OVERFLOW) {
    rescan();
    return;
  }
  const std::string* folder_ptr = tree_.folder_of(event.wd);
  if (folder_ptr == nullptr) return;  // a watch we already dropped
  const std::string folder = *folder_ptr;
  if (event.mask & IN_IGNORED) {
    tree_.forget_descriptor(event.wd);
    return;
  }
  if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
    // Other folders are handled through their parent's events.
    if (folder.empty()) vault_folder_gone();
    return;
  }
  const bool is_folder = event.mask & IN_ISDIR;
  const std::string path = join_relative(folder, name);
  const bool ignored = watcher_ignores_name(name) || (is_folder && is_excluded(path));

  if (event.mask & IN_MOVED_FROM) {
    // An ignored source is as good as none: its arrival reads as a creation.
    if (!ignored) pending_move_ = PendingMove{event.cookie, path, is_folder, now + kRenamePairingGrace};
    return;
  }
  if (event.mask & IN_MOVED_TO) {
    std::optional<PendingMove> from = std::exchange(pending_move_, std::nullopt);
    if (ignored) {
      if (from) departed(from->path, from->is_folder);
    } else if (from) {
      moved(from->path, path, is_folder);
    } else {
      arrived(path, is_folder);
    }
    return;
  }
  if (ignored) return;
  if (event.mask & IN_CREATE) {
    arrived(path, is_folder);
  } else if (event.mask & IN_DELETE) {
    departed(path, is_folder);
  } else if ((event.mask & (IN_MODIFY | IN_CLOSE_WRITE)) && !is_folder) {
    if (tree_.has_file(path)) {
      emit_modified(path);
    } else {
      file_appeared(path);
    }
  }
}

void InotifyWatcher::settle_pending_move() {
  if (!pending_move_) return;
  PendingMove move = std::move(*pending_move_);
  pending_move_.reset();
  departed(move.path, move.is_folder);
}

void InotifyWatcher::arrived(const std::string& path, bool is_folder) {
  if (is_folder) {
    watch_tree(path, true);
    return;
  }
  // A symlink to a folder is not followed (loops); it is no file either.
  std::error_code error;
  if (fs::is_directory(absolute(path), error)) return;
  file_appeared(path);
}

void InotifyWatcher::file_appeared(const std::string& path) {
  // Over a file we knew: the old one is replaced (a save by rename).
  if (!tree_.add_file(path)) emit_removed(path);
  emit_created(path);
}

void InotifyWatcher::departed(const std::string& path, bool is_folder) {
  if (!is_folder) {
    // A save by rename(2) with RENAME_EXCHANGE (atomic_write's) reads as the
    // note moving away to a temp name, yet a file is still there: one that
    // is present now was replaced, not removed.
    std::error_code error;
    if (fs::exists(fs::symlink_status(absolute(path), error)) && !fs::is_directory(absolute(path), error)) {
      if (tree_.has_file(path)) emit_modified(path);
      else file_appeared(path);
      return;
    }
    if (tree_.remove_file(path)) emit_removed(path);
    return;
  }
  WatchedTree::Removed removed = tree_.remove_subtree(path);
  // A folder moved out of the vault still exists, and so do its watches:
  // drop them, or its later changes would be reported under the old paths.
  // (For a deleted folder the kernel already dropped them; EINVAL is harmless.)
  for (int descriptor : removed.descriptors) inotify_rm_watch(inotify_.get(), descriptor);
  for (const std::string& file : removed.files) emit_removed(file);
}

void InotifyWatcher::moved(const std::string& from, const std::string& to, bool is_folder) {
  if (!is_folder) {
    if (!tree_.remove_file(from)) {
      file_appeared(to);
      return;
    }
    if (tree_.add_file(to)) {
      emit_renamed(from, to);
    } else {
      emit_removed(to);  // renamed over an existing file
      emit_renamed(from, to);
    }
    return;
  }
  if (!tree_.has_folder(from)) {
    // Created and renamed before its watch could be added: list it anew.
    watch_tree(to, true);
    return;
  }
  // A folder can only be renamed over an empty folder.
  departed(to, true);
  // The watches follow the folder's inode, so only the names change.
  for (const auto& [old_path, new_path] : tree_.move_subtree(from, to)) emit_renamed(old_path, new_path);
}

void InotifyWatcher::vault_folder_gone() {
  for (const std::string& file : tree_.files()) emit_removed(file);
  for (int descriptor : tree_.descriptors()) inotify_rm_watch(inotify_.get(), descriptor);
  tree_.clear();
  problem("the vault folder " + root_.string() + " was deleted or moved; it is no longer watched");
}

void InotifyWatcher::watch_tree(const std::string& top, bool report) {
  std::vector<std::string> folders{top};
  while (!folders.empty()) {
    std::string folder = std::move(folders.back());
    folders.pop_back();
    const fs::path where = absolute(folder);
    const int descriptor = inotify_add_watch(inotify_.get(), where.c_str(), kFolderEvents);
    if (descriptor < 0) {
      // Gone again (or replaced by a file) before we got to it: its removal is
      // reported through its parent's events.
      if (errno == ENOENT || errno == ENOTDIR) continue;
      if (errno == ENOSPC) {
        problem("cannot watch " + where.string() +
                ": the inotify watch limit is reached (raise fs.inotify.max_user_watches)");
      } else {
        problem("cannot watch " + where.string() + ": " + std::strerror(errno));
      }
      continue;
    }
    tree_.add_folder(folder, descriptor);

    std::error_code error;
    fs::directory_iterator entries(where, error);
    if (error) {
      if (error != std::errc::no_such_file_or_directory) {
        problem("cannot list " + where.string() + ": " + error.message());
      }
      continue;
    }
    for (; entries != fs::directory_iterator(); entries.increment(error)) {
      const std::string name = entries->path().filename().string();
      if (watcher_ignores_name(name)) continue;
      const std::string path = join_relative(folder, name);
      std::error_code type_error;
      const fs::file_status own = entries->symlink_status(type_error);
      if (fs::is_directory(own)) {
        if (!is_excluded(path)) folders.push_back(path);
        continue;
      }
      // Files, and symlinks to files (not to folders: no loops).
      const bool file = fs::is_regular_file(own) ||
                        (fs::is_symlink(own) && fs::is_regular_file(entries->status(type_error)));
      if (file && tree_.add_file(path) && report) emit_created(path);
    }
    if (error) problem("cannot list " + where.string() + ": " + error.message());
  }
}

void InotifyWatcher::rescan() {
  // Whatever was pending is superseded: the consumer reads the vault afresh.
  pending_move_.reset();
  pending_ = ChangeCoalescer{};
  first_activity_.reset();
  const std::vector<int> before = tree_.descriptors();
  tree_.clear();
  watch_tree("", false);
  for (int descriptor : before) {
    if (tree_.folder_of(descriptor) == nullptr) inotify_rm_watch(inotify_.get(), descriptor);
  }
  ChangeBatch batch;
  batch.rescan_needed = true;
  batch.problems = std::exchange(pending_problems_, {});
  mailbox_.post(std::move(batch));
}

void InotifyWatcher::release_if_quiet(Clock::time_point now) {
  if (!first_activity_ || pending_move_) return;
  if (now - last_activity_ < options_.debounce && now - *first_activity_ < options_.max_latency) return;
  ChangeBatch batch;
  batch.changes = pending_.take();
  batch.problems = std::exchange(pending_problems_, {});
  first_activity_.reset();
  if (!batch.changes.empty() || !batch.problems.empty()) mailbox_.post(std::move(batch));
}

bool InotifyWatcher::is_excluded(const std::string& folder) const {
  return std::any_of(options_.excluded_folders.begin(), options_.excluded_folders.end(),
                     [&](const std::string& excluded) {
                       return !excluded.empty() && folder.starts_with(excluded) &&
                              (folder.size() == excluded.size() || folder[excluded.size()] == '/');
                     });
}

void InotifyWatcher::emit_created(const std::string& path) {
  pending_.created(path);
  note_activity();
}
void InotifyWatcher::emit_modified(const std::string& path) {
  pending_.modified(path);
  note_activity();
}
void InotifyWatcher::emit_removed(const std::string& path) {
  pending_.removed(path);
  note_activity();
}
void InotifyWatcher::emit_renamed(const std::string& from, const std::string& to) {
  pending_.renamed(from, to);
  note_activity();
}
void InotifyWatcher::problem(std::string sentence) {
  pending_problems_.push_back(std::move(sentence));
  note_activity();
}

void InotifyWatcher::note_activity() {
  last_activity_ = Clock::now();
  if (!first_activity_) first_activity_ = last_activity_;
}

}  // namespace

std::unique_ptr<Watcher> make_watcher(const std::filesystem::path& root, WatcherOptions options) {
  return std::make_unique<InotifyWatcher>(root, std::move(options));
}

}  // namespace vaultlink

#endif  // __linux__
