#include "vaultlink/fs.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <string>
#include <vector>

#include "sandbox.hpp"

namespace fs = std::filesystem;
using vaultlink::atomic_write;
using vaultlink::is_inside;
using vaultlink::read_file;
using vaultlink::test::Sandbox;

namespace {

std::vector<std::string> entries_of(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

mode_t mode_of(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// Runs `body` in a forked child and returns its exit status. Used where the
// test must change process-wide state (resource limits, user id) that the
// test runner itself must keep.
template <typename Body>
int in_child(Body body) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(body());
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

// Outcomes a child reports through its exit code.
enum ChildOutcome { kFailedWithError = 10, kWrote = 11, kNeitherWroteNorFailed = 12, kSetupFailed = 13 };

int outcome_of(const vaultlink::WriteResult& result) {
  if (!result.error.empty() && !result.written) return kFailedWithError;
  if (result.written) return kWrote;
  return kNeitherWroteNorFailed;
}

}  // namespace

TEST_CASE("read_file returns bytes and a stamp of size and nanosecond mtime", "[fs]") {
  Sandbox sandbox;
  std::string bytes("a\0b\r\nlast", 9);
  auto file = sandbox.write("Note.md", bytes);
  auto result = read_file(file, 1024);
  REQUIRE(result.ok());
  CHECK(result.bytes == bytes);
  CHECK(result.stamp.size == bytes.size());
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK(result.stamp.mtime_ns == info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec);
}

TEST_CASE("read_file refuses files over the limit, folders and missing files with a sentence naming them",
          "[fs]") {
  Sandbox sandbox;
  auto big = sandbox.write("Big.md", std::string(100, 'x'));
  auto refused = read_file(big, 99);
  CHECK_FALSE(refused.ok());
  CHECK(refused.bytes.empty());
  CHECK(refused.error.find("Big.md") != std::string::npos);
  CHECK(refused.error.find("99") != std::string::npos);
  CHECK(read_file(big, 100).ok());

  auto missing = read_file(sandbox.root() / "Missing.md", 100);
  CHECK_FALSE(missing.ok());
  CHECK(missing.error.find("Missing.md") != std::string::npos);

  fs::create_directory(sandbox.root() / "Folder.md");
  auto folder = read_file(sandbox.root() / "Folder.md", 100);
  CHECK_FALSE(folder.ok());
  CHECK(folder.error.find("not a regular file") != std::string::npos);

  REQUIRE(::mkfifo((sandbox.root() / "Pipe.md").c_str(), 0644) == 0);
  CHECK_FALSE(read_file(sandbox.root() / "Pipe.md", 100).ok());  // and does not hang
}

TEST_CASE("atomic_write replaces the content, keeps the mode and leaves no temp file", "[fs]") {
  Sandbox sandbox;
  auto file = sandbox.write("notes/Note.md", "old\n");
  fs::permissions(file, fs::perms(0640), fs::perm_options::replace);
  auto result = atomic_write(file, "new\r\ncontent", std::string_view("old\n"));
  CHECK(result.error.empty());
  CHECK(result.written);
  CHECK(sandbox.read("notes/Note.md") == "new\r\ncontent");
  CHECK(mode_of(file) == 0640);
  CHECK(entries_of(file.parent_path()) == std::vector<std::string>{"Note.md"});
}

TEST_CASE("atomic_write keeps the note's owner", "[fs]") {
  if (::geteuid() != 0) return;  // only root can give a file to someone else
  Sandbox sandbox;
  auto file = sandbox.write("Theirs.md", "old\n");
  REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
  REQUIRE(atomic_write(file, "new\n", std::string_view("old\n")).written);
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK(info.st_uid == 65534u);
  CHECK(info.st_gid == 65534u);
  CHECK(sandbox.read("Theirs.md") == "new\n");
}

TEST_CASE("atomic_write creates a missing file unless an old content was expected", "[fs]") {
  Sandbox sandbox;
  auto file = sandbox.root() / "New.md";
  auto abandoned = atomic_write(file, "x", std::string_view("old"));
  CHECK_FALSE(abandoned.written);
  CHECK(abandoned.error.empty());
  CHECK_FALSE(fs::exists(file));

  auto created = atomic_write(file, "fresh");
  CHECK(created.written);
  CHECK(sandbox.read("New.md") == "fresh");
  CHECK(entries_of(sandbox.root()) == std::vector<std::string>{"New.md"});
}

TEST_CASE("atomic_write abandons the write when the note changed underneath", "[fs]") {
  Sandbox sandbox;
  auto file = sandbox.write("Note.md", "what the caller read\n");
  sandbox.write("Note.md", "what the caller read\nand a line the user added\n");
  auto result = atomic_write(file, "generated\n", std::string_view("what the caller read\n"));
  CHECK_FALSE(result.written);
  CHECK(result.error.empty());
  CHECK(sandbox.read("Note.md") == "what the caller read\nand a line the user added\n");
  CHECK(entries_of(sandbox.root()) == std::vector<std::string>{"Note.md"});
}

TEST_CASE("atomic_write refuses a read-only note and leaves it intact", "[fs]") {
  Sandbox sandbox;
  auto file = sandbox.write("Locked.md", "keep me\n");
  fs::permissions(file, fs::perms(0444), fs::perm_options::replace);
  auto result = atomic_write(file, "changed\n", std::string_view("keep me\n"));
  CHECK_FALSE(result.written);
  CHECK(result.error.find("Locked.md") != std::string::npos);
  CHECK(result.error.find("read-only") != std::string::npos);
  CHECK(sandbox.read("Locked.md") == "keep me\n");
  CHECK(mode_of(file) == 0444);
}

TEST_CASE("atomic_write in a read-only folder fails with an error and the original intact", "[fs]") {
  Sandbox sandbox;
  auto file = sandbox.write("ro/Note.md", "original\n");
  fs::permissions(file, fs::perms(0644), fs::perm_options::replace);
  fs::permissions(sandbox.root(), fs::perms(0755), fs::perm_options::replace);
  fs::permissions(file.parent_path(), fs::perms(0555), fs::perm_options::replace);
  int outcome = in_child([&] {
    // root ignores folder permissions: act as an unprivileged user instead.
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return int{kSetupFailed};
    return outcome_of(atomic_write(file, "replacement\n", std::string_view("original\n")));
  });
  fs::permissions(file.parent_path(), fs::perms(0755), fs::perm_options::replace);
  CHECK(outcome == kFailedWithError);
  CHECK(sandbox.read("ro/Note.md") == "original\n");
  CHECK(entries_of(file.parent_path()) == std::vector<std::string>{"Note.md"});
}

TEST_CASE("atomic_write on a full disk fails and leaves the original and no temp file", "[fs]") {
  Sandbox sandbox;
  std::string original = "original text\n";
  auto file = sandbox.write("Note.md", original);
  int outcome = in_child([&] {
    // RLIMIT_FSIZE makes write() fail with EFBIG once the file would pass the
    // limit, as a full disk fails with ENOSPC; SIGXFSZ would kill the child.
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {1000, 1000};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return int{kSetupFailed};
    return outcome_of(atomic_write(file, std::string(5000, 'y'), std::string_view(original)));
  });
  CHECK(outcome == kFailedWithError);
  CHECK(sandbox.read("Note.md") == original);
  CHECK(entries_of(sandbox.root()) == std::vector<std::string>{"Note.md"});
}

TEST_CASE("atomic_write through a symlink replaces the target and keeps the link", "[fs]") {
  Sandbox sandbox;
  auto target = sandbox.write("real/Target.md", "old\n");
  fs::create_symlink("real/Target.md", sandbox.root() / "Link.md");
  auto result = atomic_write(sandbox.root() / "Link.md", "new\n", std::string_view("old\n"));
  CHECK(result.written);
  CHECK(fs::is_symlink(sandbox.root() / "Link.md"));
  CHECK(sandbox.read("real/Target.md") == "new\n");
}

TEST_CASE("is_inside compares whole path components after resolving symlinks", "[fs]") {
  Sandbox sandbox;
  auto vault = sandbox.root() / "vault";
  fs::create_directories(vault / "sub");
  fs::create_directories(sandbox.root() / "vault2");
  fs::create_directories(sandbox.root() / "outside");
  fs::create_directory_symlink(sandbox.root() / "outside", vault / "escape");

  CHECK(is_inside(vault, vault / "sub" / "Note.md"));
  CHECK(is_inside(vault, vault / "not-yet-created.md"));
  CHECK(is_inside(vault, vault));
  CHECK(is_inside(vault.string() + "/", vault / "sub"));
  CHECK_FALSE(is_inside(vault, sandbox.root() / "vault2" / "Note.md"));
  CHECK_FALSE(is_inside(vault, vault / ".." / "outside" / "Note.md"));
  CHECK_FALSE(is_inside(vault, vault / "escape" / "Note.md"));
}

namespace {

// Like `echo line >> note`: open, append, close. A swap never leaves the name missing.
void append_line(const std::filesystem::path& file, int number) {
  const std::string line = "appended " + std::to_string(number) + "\n";
  int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) std::abort();
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::abort();
  ::close(fd);
}

// Rewrites the note's first line ("generation N") over and over while
// `appending`, as the backlinks writer rewrites its section; returns how many
// writes went through.
int rewrite_first_line_while(const std::filesystem::path& file, const std::atomic<bool>& appending) {
  int written = 0;
  while (appending) {
    auto read = read_file(file, 1 << 26);
    REQUIRE(read.ok());
    auto newline = read.bytes.find('\n');
    int generation = std::stoi(read.bytes.substr(11, newline - 11));
    std::string updated = "generation " + std::to_string(generation + 1) + read.bytes.substr(newline);
    auto result = atomic_write(file, updated, std::string_view(read.bytes));
    REQUIRE(result.error.empty());
    written += result.written;
  }
  return written;
}

}  // namespace

TEST_CASE("atomic_write never loses lines another writer appends meanwhile", "[fs][concurrency]") {
  Sandbox sandbox;
  auto file = sandbox.write("Busy.md", "generation 0\n");
  constexpr int kLines = 120;
  std::atomic<bool> appending{true};
  std::thread appender([&] {
    for (int i = 0; i < kLines; ++i) {
      append_line(file, i);
      // A pause like a person's or a sync tool's gives the writer a chance to win.
      std::this_thread::sleep_for(std::chrono::microseconds(i % 2 ? 200 : 12000));
    }
    appending = false;
  });
  const int written = rewrite_first_line_while(file, appending);
  appender.join();
  std::string final_text = sandbox.read("Busy.md");
  int missing = 0;
  for (int i = 0; i < kLines; ++i)
    missing += final_text.find("appended " + std::to_string(i) + "\n") == std::string::npos;
  CHECK(missing == 0);
  CHECK(written > 0);
  CHECK(entries_of(sandbox.root()) == std::vector<std::string>{"Busy.md"});
}

// The appender reopens the note for every line, in bursts, so most swaps race
// an append that opened the old inode just before it (and, preempted between
// open and write, writes after it) while the next lines go to the new inode.
// Before the swap was guarded by leases, a fifth of these runs lost a line or
// put one after lines written later.
TEST_CASE("atomic_write neither loses nor reorders lines appended in bursts meanwhile", "[fs][concurrency]") {
  Sandbox sandbox;
  auto file = sandbox.write("Busy.md", "generation 0\n");
  std::atomic<bool> appending{true};
  std::atomic<int> lines{0};
  std::thread appender([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(700);
    for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
      append_line(file, i);
      lines = i + 1;
      if (i % 32 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the writer's chance
    }
    appending = false;
  });
  const int written = rewrite_first_line_while(file, appending);
  appender.join();
  const std::string final_text = sandbox.read("Busy.md");
  std::string want = "generation " + std::to_string(written) + "\n";
  for (int i = 0; i < lines; ++i) want += "appended " + std::to_string(i) + "\n";
  std::size_t same = 0;
  while (same < want.size() && same < final_text.size() && want[same] == final_text[same]) ++same;
  INFO(lines << " lines appended, " << written << " writes; from byte " << same << " the note has \""
             << final_text.substr(same, 40) << "\" where \"" << want.substr(same, 40) << "\" was written");
  CHECK(final_text == want);
  CHECK(written > 0);
  CHECK(entries_of(sandbox.root()) == std::vector<std::string>{"Busy.md"});
}
