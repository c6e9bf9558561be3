#include "worktree_listing.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

#include "parallel.hpp"

namespace vaultlink {

namespace {

// An lstat is a few microseconds, so a task of this many keeps the queue's
// locking negligible while a folder of thousands of notes (a flat vault) is
// still spread over every thread.
constexpr std::size_t kStatsPerTask = 256;

// More threads than cores: on the virtual machines vaultlink is measured on
// (and many users run), part of an lstat waits on the hypervisor rather than
// the CPU. 10,400 lstats took 28 ms on one thread, 18-20 ms on two and
// 15 ms on four, on two cores.
unsigned listing_threads() { return std::max(4u, core_count()); }

unsigned char type_of(mode_t mode) {
  if (S_ISDIR(mode)) return DT_DIR;
  if (S_ISREG(mode)) return DT_REG;
  if (S_ISLNK(mode)) return DT_LNK;
  return DT_UNKNOWN;
}

void take_stat(int folder, const char* name, ListedEntry& entry) {
  struct stat info {};
  const bool taken = ::fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0;
  if (taken) entry.stat = IndexStat::of(info);
  entry.stat_state = taken ? ListedEntry::Stat::taken : ListedEntry::Stat::failed;
}

}  // namespace

// A folder whose listing is done and whose entries may still be lstat'ed by
// other threads: the descriptor stays open until the last task is through.
struct WorktreeListing::Folder {
  DIR* dir;
  ListedFolder* listed;
  Folder(DIR* d, ListedFolder* l) : dir(d), listed(l) {}
  ~Folder() { ::closedir(dir); }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
};

WorktreeListing::WorktreeListing(const std::filesystem::path& root) {
  root_ = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_ < 0 || ::fstat(root_, &root_stat_) != 0) return;
  pending_.push_back(ListTask{""});
  // The constructing thread goes on with its own work (finish() joins in),
  // so it starts one thread, which starts the others: starting a thread
  // costs it a new stack, faulted in page by page, a millisecond on a VM.
  // A thread that cannot be started (a process at its limit) leaves its
  // share to the others, and all of it, at worst, to finish().
  const unsigned threads = listing_threads();
  if (threads < 2) return;
  try {
    first_thread_ = std::jthread([this, threads] {
      std::vector<std::jthread> others;
      try {
        for (unsigned t = 2; t < threads; ++t) others.emplace_back([this] { work(); });
      } catch (const std::system_error&) {
      }
      work();
    });
  } catch (const std::system_error&) {
  }
}

WorktreeListing::~WorktreeListing() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (first_thread_.joinable()) first_thread_.join();
  pending_.clear();  // closes the folders of tasks never run
  if (root_ >= 0) ::close(root_);
}

bool WorktreeListing::is_root(const std::filesystem::path& folder) const {
  struct stat info {};
  return root_ >= 0 && ::stat(folder.c_str(), &info) == 0 && info.st_dev == root_stat_.st_dev &&
         info.st_ino == root_stat_.st_ino;
}

void WorktreeListing::narrow_stats(const Wanted* wanted) { wanted_.store(wanted, std::memory_order_release); }

std::vector<ListedFolder*> WorktreeListing::finish() {
  if (root_ >= 0) work();
  if (first_thread_.joinable()) first_thread_.join();
  std::vector<ListedFolder*> folders;
  folders.reserve(folders_.size());
  for (auto& folder : folders_) folders.push_back(&folder);
  // "a/" sorts before "a/b/": a folder's parent comes first.
  std::sort(folders.begin(), folders.end(),
            [](const ListedFolder* a, const ListedFolder* b) { return a->path < b->path; });
  return folders;
}

std::optional<IndexStat> WorktreeListing::stat_late(const ListedFolder& folder, const ListedEntry& entry) const {
  const std::string path = folder.path + std::string(folder.name(entry));
  struct stat info {};
  if (::fstatat(root_, path.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
  return IndexStat::of(info);
}

std::optional<WorktreeListing::Task> WorktreeListing::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopping_ || !pending_.empty() || busy_ == 0; });
  if (stopping_ || pending_.empty()) return std::nullopt;
  Task task = std::move(pending_.back());
  pending_.pop_back();
  ++busy_;
  return task;
}

void WorktreeListing::work() {
  while (auto task = take()) {
    if (auto* listing = std::get_if<ListTask>(&*task)) {
      list(listing->path);
    } else {
      stat_range(std::get<StatTask>(*task));
    }
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    changed_.notify_all();
  }
}

void WorktreeListing::list(const std::string& path) {
  const int fd = ::openat(root_, path.empty() ? "." : path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // unreadable: left out, and what it held is not seen
  DIR* dir = ::fdopendir(fd);
  if (!dir) {
    ::close(fd);
    return;
  }
  ListedFolder* listed = nullptr;
  {
    std::lock_guard lock(mutex_);
    listed = &folders_.emplace_back();
  }
  auto folder = std::make_shared<Folder>(dir, listed);
  listed->path = path;
  std::vector<Task> more;
  while (const dirent* found = ::readdir(dir)) {
    if (stopping_) return;
    const std::string_view name = found->d_name;
    if (name == "." || name == "..") continue;
    if (name == ".git") {
      listed->holds_git = true;
      continue;
    }
    ListedEntry& entry = listed->entries.emplace_back();
    entry.name_at = static_cast<std::uint32_t>(listed->names.size());
    entry.name_size = static_cast<std::uint32_t>(name.size());
    listed->names.append(name).push_back('\0');
    entry.type = found->d_type;
    if (entry.type == DT_UNKNOWN) {  // some file systems do not say: ask
      take_stat(::dirfd(dir), listed->c_name(entry), entry);
      if (entry.stat_state == ListedEntry::Stat::taken) entry.type = type_of(entry.stat.mode);
    }
    if (entry.type == DT_DIR) more.push_back(ListTask{path + std::string(name) + '/'});
  }
  // In name order, byte by byte: the index's order, so comparing with it is
  // one merge instead of a search per name (and this thread is not the one
  // the commit waits for).
  std::sort(listed->entries.begin(), listed->entries.end(),
            [&](const ListedEntry& a, const ListedEntry& b) { return listed->name(a) < listed->name(b); });
  for (std::size_t begin = 0; begin < listed->entries.size(); begin += kStatsPerTask)
    more.push_back(StatTask{folder, begin, std::min(begin + kStatsPerTask, listed->entries.size())});
  std::lock_guard lock(mutex_);
  for (auto& task : more) pending_.push_back(std::move(task));
}

void WorktreeListing::stat_range(const StatTask& task) {
  const Wanted* wanted = wanted_.load(std::memory_order_acquire);
  ListedFolder& listed = *task.folder->listed;
  for (std::size_t i = task.begin; i < task.end && !stopping_; ++i) {
    ListedEntry& entry = listed.entries[i];
    if (entry.type == DT_DIR || entry.stat_state != ListedEntry::Stat::not_taken) continue;
    if (wanted && !(*wanted)(listed.path, listed.name(entry))) continue;
    take_stat(::dirfd(task.folder->dir), listed.c_name(entry), entry);
  }
}

}  // namespace vaultlink
