// Bounded reads and atomic, never-damaging writes of notes.
//
// The write protocol exists because the user's editor, sync tools and other
// processes may touch a note while we rewrite it: the original is only ever
// replaced by a rename of a complete, fsynced file, and a write that would
// overwrite someone else's change is abandoned so the caller can redo it.
#include "vaultlink/fs.hpp"

#include "write_leases.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <system_error>
#include <thread>

namespace vaultlink {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& file) { return "'" + file.string() + "'"; }

std::string errno_text(int error) { return std::generic_category().message(error); }

// Owns a file descriptor so every early return closes it.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Closes and reports the close error: on NFS a failed close can be the only
  // sign that written data did not reach the server.
  int close_checked() {
    int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

FileStamp stamp_of(const struct stat& info) {
  FileStamp stamp;
  stamp.size = static_cast<std::uint64_t>(info.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  return stamp;
}

// Reads everything from `fd` (at its current offset) into `out`, giving up
// once more than `max_bytes` arrived. Returns 0 or an errno value; EFBIG when
// the limit was exceeded.
int read_all(int fd, std::uint64_t max_bytes, std::string& out) {
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (got == 0) return 0;
    if (out.size() + static_cast<std::uint64_t>(got) > max_bytes) return EFBIG;
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

int write_all_at(int fd, std::string_view bytes, std::uint64_t offset) {
  while (!bytes.empty()) {
    ssize_t put = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    if (put < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(put));
    offset += static_cast<std::uint64_t>(put);
  }
  return 0;
}

// Reads the whole file behind `fd` from its start.
int pread_whole(int fd, std::uint64_t max_bytes, std::string& out) {
  out.clear();
  if (::lseek(fd, 0, SEEK_SET) < 0) return errno;
  return read_all(fd, max_bytes, out);
}

// ".Note.md.<random>.vaultlink-tmp": the leading dot and the suffix let the
// vault scan and the watchers skip it (dot files are not part of a vault).

fs::path temp_name_for(const fs::path& target) {
  static thread_local std::mt19937_64 random{std::random_device{}() ^
                                             static_cast<std::uint64_t>(::getpid()) ^
                                             static_cast<std::uint64_t>(
                                                 std::chrono::steady_clock::now().time_since_epoch().count())};
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(random()));
  return target.parent_path() / ("." + target.filename().string() + "." + suffix + std::string(kTempSuffix));
}

// Atomically swaps two names (Linux renameat2). Falls back to nothing: the
// caller uses a plain rename when this is unsupported (EINVAL, ENOSYS).
int exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return 0;
  return errno;
#else
  (void)a;
  (void)b;
  return ENOSYS;
#endif
}

// How long a write waits for an appending writer to close the note (a
// writer's open-write-close takes microseconds; one that keeps the note open
// longer is not waited for, see atomic_write).
constexpr std::chrono::milliseconds kWriterPatience{100};

// Opens `file` read-only without blocking: O_NONBLOCK keeps open() from
// hanging on a FIFO someone left in the vault. A note under another write's
// lease (write_leases.hpp) answers EWOULDBLOCK for the few milliseconds that
// write holds it; that is waited out, up to a second.
int open_for_reading(const fs::path& file) {
  for (int attempt = 0;; ++attempt) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd >= 0 || errno != EWOULDBLOCK || attempt == 1000) return fd;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Whether a file's content changed between two fstat calls. The
// modification time moves on every write, but only at the kernel's clock
// tick, so size is compared too: an append always changes it. (The change
// time cannot be used: the swap itself moves it.)
bool same_version(const struct stat& a, const struct stat& b) {
  return a.st_ino == b.st_ino && a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
         a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

// The bytes after `prefix` in the file behind `fd`, when it is `prefix` plus
// a pure append. A file no larger than `prefix` (no append: every write's
// case) is not read at all.
std::optional<std::string> appended_tail(int fd, std::string_view prefix) {
  struct stat info {};
  if (::fstat(fd, &info) != 0 || static_cast<std::uint64_t>(info.st_size) <= prefix.size()) return std::nullopt;
  std::string content;
  if (pread_whole(fd, static_cast<std::uint64_t>(info.st_size) + 65536, content) != 0 ||
      content.size() <= prefix.size() || content.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  return content.substr(prefix.size());
}

// A file that briefly had the note's name (our new content during an undone
// swap, or the old content after a swap) may have received an appending
// writer's bytes. Whatever follows `prefix` in it is appended to the note so
// it is not lost with the unlinked inode, except its first `already_carried`
// bytes. Anything other than a pure append is left alone (the caller's retry
// or the user's editor sees the note as it is).
void carry_over_appends(int from_fd, std::string_view prefix, const fs::path& file, std::size_t already_carried = 0) {
  const std::optional<std::string> tail = appended_tail(from_fd, prefix);
  if (!tail || tail->size() <= already_carried) return;
  Fd out(::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  if (out.valid() && write_all(out.get(), std::string_view(*tail).substr(already_carried)) == 0) ::fsync(out.get());
}

// Removes the temp file when the write does not complete, whatever the reason.
struct TempFileGuard {
  fs::path path;
  bool armed = true;
  ~TempFileGuard() {
    if (armed) ::unlink(path.c_str());
  }
};

void sync_folder(const fs::path& folder) {
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  // The rename already happened and is visible; a folder that cannot be
  // synced (some filesystems refuse fsync on folders) only weakens the
  // durability after a power loss, so it is not reported as a failed write.
  if (dir.valid()) ::fsync(dir.get());
}

}  // namespace

int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t put = ::write(fd, bytes.data(), bytes.size());
    if (put < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<std::size_t>(put));
  }
  return 0;
}

std::optional<FileStamp> stat_file(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  return stamp_of(info);
}

ReadResult read_file(const fs::path& file, std::uint64_t max_bytes) {
  ReadResult result;
  Fd fd(open_for_reading(file));
  if (!fd.valid()) {
    result.error = "cannot open " + quoted(file) + ": " + errno_text(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    result.error = "cannot inspect " + quoted(file) + ": " + errno_text(errno);
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    result.error = quoted(file) + " is not a regular file";
    return result;
  }
  // The stamp is taken before reading: if the file changes while we read, the
  // next stamp differs and the change is not missed.
  result.stamp = stamp_of(info);
  if (result.stamp.size > max_bytes) {
    result.error = quoted(file) + " is " + std::to_string(result.stamp.size) + " bytes, more than the limit of " +
                   std::to_string(max_bytes) + " bytes";
    return result;
  }
  result.bytes.reserve(static_cast<std::size_t>(result.stamp.size));
  if (int error = read_all(fd.get(), max_bytes, result.bytes)) {
    result.bytes.clear();
    result.error = error == EFBIG ? quoted(file) + " grew beyond the limit of " + std::to_string(max_bytes) +
                                        " bytes while it was read"
                                  : "cannot read " + quoted(file) + ": " + errno_text(error);
  }
  return result;
}

WriteResult atomic_write(const fs::path& requested, std::string_view bytes,
                         std::optional<std::string_view> expected_old) {
  WriteResult result;
  auto fail = [&](std::string sentence) {
    result.written = false;
    result.error = std::move(sentence);
    return result;
  };

  // A note that is a symlink stays one: the file it points to is replaced.
  fs::path file = requested;
  std::error_code ec;
  if (fs::is_symlink(requested, ec)) {
    file = fs::canonical(requested, ec);
    if (ec) return fail("cannot follow the symlink " + quoted(requested) + ": " + ec.message());
  }

  struct stat original {};
  bool exists = ::stat(file.c_str(), &original) == 0;
  if (!exists && errno != ENOENT) return fail("cannot inspect " + quoted(file) + ": " + errno_text(errno));
  if (!exists && expected_old) return result;  // it was removed since it was read: nothing to update
  if (exists) {
    if (!S_ISREG(original.st_mode)) return fail(quoted(file) + " is not a regular file");
    // A note whose write permission was taken away was protected on purpose;
    // replacing it by rename would still succeed, so refuse explicitly (this
    // also holds for root, who bypasses access checks).
    if ((original.st_mode & 0222) == 0 || ::access(file.c_str(), W_OK) != 0)
      return fail(quoted(file) + " is read-only; it was not changed");
  }

  // The held descriptor lets us see the very inode we compare, before and after the swap.
  Fd held;
  if (exists) {
    held = Fd(open_for_reading(file));
    if (!held.valid()) return fail("cannot open " + quoted(file) + ": " + errno_text(errno));
  }

  TempFileGuard temp;
  Fd out;
  for (int attempt = 0; attempt < 16 && !out.valid(); ++attempt) {
    temp.path = temp_name_for(file);
    // For a new file 0666 lets the umask decide, like any editor's new file.
    out = Fd(::open(temp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? 0600 : 0666));
    if (!out.valid() && errno != EEXIST) {
      temp.armed = false;  // nothing was created
      return fail("cannot create a temporary file beside " + quoted(file) + ": " + errno_text(errno));
    }
  }
  if (!out.valid()) {
    temp.armed = false;
    return fail("cannot create a temporary file beside " + quoted(file) + ": too many name collisions");
  }

  if (int error = write_all(out.get(), bytes))
    return fail("cannot write " + quoted(file) + ": " + errno_text(error) + "; the note was left unchanged");
  if (::fsync(out.get()) != 0)
    return fail("cannot flush " + quoted(file) + " to disk: " + errno_text(errno) + "; the note was left unchanged");
  // The replacement is a new file: it must get the note's owner back, or a
  // run as root (a container, a system service) would leave the user with a
  // note they cannot edit. Before fchmod, which chown may clear setuid bits after.
  if (exists) {
    struct stat made {};
    if (::fstat(out.get(), &made) != 0)
      return fail("cannot inspect the temporary file beside " + quoted(file) + ": " + errno_text(errno));
    if ((made.st_uid != original.st_uid || made.st_gid != original.st_gid) &&
        ::fchown(out.get(), original.st_uid, original.st_gid) != 0)
      return fail("cannot keep the owner of " + quoted(file) + ": " + errno_text(errno) +
                  "; the note was left unchanged");
  }
  if (exists && ::fchmod(out.get(), original.st_mode & 07777) != 0)
    return fail("cannot keep the mode of " + quoted(file) + ": " + errno_text(errno) + "; the note was left unchanged");
  if (int error = out.close_checked())
    return fail("cannot write " + quoted(file) + ": " + errno_text(error) + "; the note was left unchanged");

  // Appending writers (a script's `echo >>`, a logger) take no locks, but the
  // kernel's leases let us exclude them for the instant of the swap: a write
  // lease on our new content (no one can open it until we release it) and a
  // read lease on the note, granted once no one has it open for writing (then
  // no one can open it for writing until we release it). Appends that wait
  // meanwhile go to the old inode, are carried into the new content before
  // anyone can append to it, and nothing is lost or reordered. Both leases or
  // neither: without them (another owner's note, a filesystem without
  // leases) the swap below is the best effort it always was.
  Fd fresh;
  FileLease fresh_lease;
  FileLease old_lease;
  if (expected_old && exists) {
    fresh = Fd(::open(temp.path.c_str(), O_WRONLY | O_CLOEXEC));
    if (fresh.valid() && fresh_lease.take_write(fresh.get()) && !old_lease.take_read(held.get(), kWriterPatience))
      fresh_lease.release();
  }

  // Re-read as late as possible: anything written to the note since the caller
  // read it must not be overwritten.
  struct stat checked {};
  if (expected_old) {
    // Stat first: a write after it shows in the content or in a later stat.
    if (::fstat(held.get(), &checked) != 0) return fail("cannot inspect " + quoted(file) + ": " + errno_text(errno));
    std::string current;
    int failure = pread_whole(held.get(), expected_old->size(), current);
    if (failure && failure != EFBIG) return fail("cannot re-read " + quoted(file) + ": " + errno_text(failure));
    if (failure == EFBIG || current != *expected_old)
      return result;  // changed underneath: the caller redoes its update on the new text
  }

  // Swapping the names (instead of renaming over) keeps the old inode reachable,
  // so a write that slipped in around the swap is seen (its size or change
  // time moved) and either the swap is undone or the appended bytes are
  // carried over; with a plain rename they would be lost silently. What no
  // lock-free protocol can close (editors take no locks) is a writer that
  // opened the note before the swap and writes only after the last look at
  // the old inode; an append is a pair of system calls, so that takes a
  // writer preempted between them for longer than this function's tail.
  struct stat just_before {};
  if (expected_old && (::fstat(held.get(), &just_before) != 0 || !same_version(checked, just_before)))
    return result;  // changed underneath, without ever exposing the new content
  int swapped = exists ? exchange(temp.path, file) : ENOSYS;
  if (swapped == 0) {
    struct stat after {};
    // An editor that saves by rename, right before the swap, put a new inode
    // at the note's name that the held one cannot show: the swap then moved
    // that save to the temp name, about to be deleted. The inode swapped out
    // must be the very one compared above.
    struct stat swapped_out {};
    const bool replaced = expected_old && (::lstat(temp.path.c_str(), &swapped_out) != 0 ||
                                           swapped_out.st_ino != checked.st_ino || swapped_out.st_dev != checked.st_dev);
    if (replaced || (expected_old && (::fstat(held.get(), &after) != 0 || !same_version(checked, after)))) {
      old_lease.release();
      fresh_lease.release();
      if (int error = exchange(temp.path, file))
        return fail("cannot restore " + quoted(file) + " after it changed during the write: " + errno_text(error));
      // The folder sync gives a writer that opened our content meanwhile time
      // to finish before its bytes are carried over.
      sync_folder(file.parent_path());
      Fd ours(::open(temp.path.c_str(), O_RDONLY | O_CLOEXEC));
      if (ours.valid()) carry_over_appends(ours.get(), bytes, file);
      return result;  // the other writer's version (the old inode changed, or its save) is back in place
    }
    // The old content stays under the temp name until the appends that
    // reached it are carried over below: killed before that, the leftover
    // still holds them (settle_write_leftover keeps such a file).
  } else if (swapped == EINVAL || swapped == ENOSYS || swapped == ENOTSUP) {
    // No exchange on this filesystem: a plain rename, with the wider window.
    if (::rename(temp.path.c_str(), file.c_str()) != 0)
      return fail("cannot replace " + quoted(file) + ": " + errno_text(errno) + "; the note was left unchanged");
    temp.armed = false;  // the temp name no longer exists
  } else {
    return fail("cannot replace " + quoted(file) + ": " + errno_text(swapped) + "; the note was left unchanged");
  }
  sync_folder(file.parent_path());
  // A writer that opened the old inode just before the swap may write to it
  // only now; the folder sync above gave it time to do so.
  std::size_t carried = 0;
  if (expected_old && swapped == 0 && old_lease.held()) {
    // Writers that opened the note while the read lease stood write to the
    // old inode now; the new content is still exactly `bytes` (its lease keeps
    // everyone out), so their bytes go right after it, before theirs or anyone
    // else's next append.
    old_lease.release();
    wait_for_writers_to_close(held.get(), kWriterPatience);
    if (std::optional<std::string> tail = appended_tail(held.get(), *expected_old)) {
      if (write_all_at(fresh.get(), *tail, bytes.size()) == 0) {
        ::fsync(fresh.get());
        carried = tail->size();
      }
    }
    fresh_lease.release();
  }
  // Without leases, or after a writer that kept the old inode open beyond our
  // patience: whatever reached it and is not in the note yet is appended.
  if (expected_old && swapped == 0) carry_over_appends(held.get(), *expected_old, file, carried);
  if (swapped == 0) {
    ::unlink(temp.path.c_str());  // the old content, all of it now in the note
    temp.armed = false;
  }
  result.written = true;
  return result;
}

bool is_atomic_write_temp(std::string_view path) {
  const std::string_view name = path.substr(path.find_last_of('/') + 1);  // npos + 1 == 0
  return name.starts_with('.') && name.ends_with(kTempSuffix);
}

std::optional<std::string> note_name_of_write_temp(std::string_view name) {
  // The exact name temp_name_for makes: "." NAME "." 16 lowercase hex digits
  // kTempSuffix, with NAME not empty.
  constexpr std::size_t kRandomDigits = 16;
  if (!name.starts_with('.') || !name.ends_with(kTempSuffix)) return std::nullopt;
  name.remove_suffix(kTempSuffix.size());
  if (name.size() < 1 + 1 + 1 + kRandomDigits) return std::nullopt;  // ".", NAME, ".", digits
  const std::string_view digits = name.substr(name.size() - kRandomDigits);
  if (name[name.size() - kRandomDigits - 1] != '.' ||
      digits.find_first_not_of("0123456789abcdef") != std::string_view::npos)
    return std::nullopt;
  return std::string(name.substr(1, name.size() - 1 - 1 - kRandomDigits));
}

// Why age, and not "its process is dead": the name carries no process id,
// and one would not help. A vault in a synced or network folder is written by
// processes on other machines or in other pid namespaces (a container, a
// Flatpak'd Obsidian), whose ids mean nothing here, and ids are reused. Age
// tells a leftover from a write under way; whether the leftover may go is
// for its content to say (settle_write_leftover): before the swap the temp
// holds the new text and the note is intact; after it the temp holds the old
// text, and an append that reached it in the last instant. A live write in
// another process changes its temp (write, fchmod) and renames it within
// milliseconds; one stalled for kStaleWriteTempAge (a stopped process, a
// suspended laptop) whose temp is removed fails its swap with ENOENT, reports
// the error and leaves the note unchanged: a retry, not a loss. ctime, not
// mtime, because touch and utimes cannot set ctime back.
bool is_stale_write_temp(const fs::path& file, std::chrono::system_clock::time_point now) {
  if (!note_name_of_write_temp(file.filename().native())) return false;
  struct stat info {};
  if (::lstat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  const auto changed = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::seconds(info.st_ctim.tv_sec) +
                                                                      std::chrono::nanoseconds(info.st_ctim.tv_nsec)));
  return now - changed >= kStaleWriteTempAge;
}

bool remove_stale_write_temp(const fs::path& file, std::chrono::system_clock::time_point now) {
  return is_stale_write_temp(file, now) && ::unlink(file.c_str()) == 0;
}

bool is_inside(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return false;
  fs::path full = fs::weakly_canonical(candidate, ec);
  if (ec) return false;
  // Compare whole components: "/vault2/x" is not inside "/vault".
  auto it = full.begin();
  for (const auto& part : base) {
    if (part.empty()) continue;  // a trailing '/' on root
    if (it == full.end() || *it != part) return false;
    ++it;
  }
  return true;
}

}  // namespace vaultlink
