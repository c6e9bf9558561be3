// The watcher on real files with the real kernel watcher: every test changes a
// vault folder the way users and editors do and checks the net changes
// reported. Waits are bounded by timeouts, never fixed sleeps.
#include "vaultlink/fs.hpp"
#include "vaultlink/watcher.hpp"

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <thread>

#include "change_text.hpp"
#include "sandbox.hpp"
#include "vaultlink/change_coalescer.hpp"
#include "vaultlink/settings.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vaultlink::ChangeBatch;
using vaultlink::FileChange;
using vaultlink::Watcher;
using vaultlink::test::text;

namespace {

constexpr auto kDebounce = 40ms;
// No batch for this long after the last one means the watcher has settled.
constexpr auto kSettled = 300ms;
// The first batch may take long on a loaded machine (sanitizers, parallel builds).
constexpr auto kFirstBatchTimeout = 10s;

// Safe on any thread (Catch's assertions are not).
bool try_write(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
  return out.good();
}

void write_file(const fs::path& file, std::string_view bytes) { REQUIRE(try_write(file, bytes)); }

// A vault folder with a folder outside it, watched from the start.
struct WatchedVault {
  vaultlink::test::Sandbox sandbox;
  fs::path vault = sandbox.root() / "vault";
  fs::path outside = sandbox.root() / "outside";
  std::unique_ptr<Watcher> watcher;

  explicit WatchedVault(std::vector<std::string> existing_files = {}, vaultlink::WatcherOptions options = {}) {
    fs::create_directories(vault);
    fs::create_directories(outside);
    for (const std::string& file : existing_files) {
      fs::create_directories((vault / file).parent_path());
      write_file(vault / file, "existing " + file + "\n");
    }
    if (options.debounce == vaultlink::WatcherOptions{}.debounce) options.debounce = kDebounce;
    watcher = vaultlink::make_watcher(vault, options);
  }

  // Every batch until the watcher has settled; the first is waited for.
  std::vector<ChangeBatch> batches(std::chrono::milliseconds first_timeout = kFirstBatchTimeout) {
    std::vector<ChangeBatch> result;
    std::optional<ChangeBatch> batch = watcher->next_batch(first_timeout);
    while (batch) {
      result.push_back(std::move(*batch));
      batch = watcher->next_batch(kSettled);
    }
    return result;
  }

  // The net changes of every batch until the watcher has settled.
  std::string changes() {
    vaultlink::ChangeCoalescer merged;
    for (const ChangeBatch& batch : batches()) {
      CHECK_FALSE(batch.rescan_needed);
      CHECK(batch.problems.empty());
      for (const FileChange& change : batch.changes) merged.apply(change);
    }
    return text(merged.net());
  }
};

bool readable(int fd, int timeout_ms) {
  pollfd entry{fd, POLLIN, 0};
  return poll(&entry, 1, timeout_ms) == 1 && (entry.revents & POLLIN);
}

}  // namespace

TEST_CASE("a note created, edited and deleted", "[watcher]") {
  WatchedVault watched;
  write_file(watched.vault / "note.md", "# Note\n");
  CHECK(watched.changes() == "created note.md");

  write_file(watched.vault / "note.md", "# Note\n\nMore.\n");
  CHECK(watched.changes() == "modified note.md");

  fs::remove(watched.vault / "note.md");
  CHECK(watched.changes() == "removed note.md");
}

TEST_CASE("a note created and deleted within the debounce is no change", "[watcher]") {
  WatchedVault watched;
  write_file(watched.vault / "draft.md", "x");
  fs::remove(watched.vault / "draft.md");
  write_file(watched.vault / "kept.md", "x");
  CHECK(watched.changes() == "created kept.md");
}

TEST_CASE("a new folder with files reports every file, however fast they came", "[watcher]") {
  WatchedVault watched;
  // Written right after mkdir: some land before the folder's watch exists.
  fs::create_directories(watched.vault / "a" / "b" / "c");
  write_file(watched.vault / "a" / "one.md", "1");
  write_file(watched.vault / "a" / "b" / "two.md", "2");
  write_file(watched.vault / "a" / "b" / "c" / "three.md", "3");
  CHECK(watched.changes() == "created a/b/c/three.md; created a/b/two.md; created a/one.md");

  write_file(watched.vault / "a" / "b" / "c" / "three.md", "3 again");
  CHECK(watched.changes() == "modified a/b/c/three.md");
}

TEST_CASE("a folder moved in from outside the vault reports its files as created", "[watcher]") {
  WatchedVault watched;
  fs::create_directories(watched.outside / "x" / "deep");
  write_file(watched.outside / "x" / "top.md", "t");
  write_file(watched.outside / "x" / "deep" / "inner.md", "i");
  write_file(watched.outside / "x" / ".hidden.md", "h");
  fs::rename(watched.outside / "x", watched.vault / "x");
  CHECK(watched.changes() == "created x/deep/inner.md; created x/top.md");

  // Its folders are watched too.
  write_file(watched.vault / "x" / "deep" / "new.md", "n");
  CHECK(watched.changes() == "created x/deep/new.md");
}

TEST_CASE("renames within the vault", "[watcher]") {
  WatchedVault watched({"a.md", "folder/one.md", "folder/sub/two.md", "elsewhere/other.md"});

  fs::rename(watched.vault / "a.md", watched.vault / "b.md");
  CHECK(watched.changes() == "renamed b.md <- a.md");

  fs::rename(watched.vault / "folder", watched.vault / "renamed");
  CHECK(watched.changes() == "renamed renamed/one.md <- folder/one.md; renamed renamed/sub/two.md <- folder/sub/two.md");

  // The watches moved with the folder: later changes carry the new paths.
  write_file(watched.vault / "renamed" / "sub" / "two.md", "changed");
  CHECK(watched.changes() == "modified renamed/sub/two.md");

  fs::rename(watched.vault / "b.md", watched.vault / "elsewhere" / "b.md");
  CHECK(watched.changes() == "renamed elsewhere/b.md <- b.md");
}

TEST_CASE("a rename over an existing note", "[watcher]") {
  WatchedVault watched({"a.md", "b.md"});
  fs::rename(watched.vault / "a.md", watched.vault / "b.md");
  CHECK(watched.changes() == "removed a.md; modified b.md");
}

TEST_CASE("moves out of the vault are removals, and what happens out there is not reported", "[watcher]") {
  WatchedVault watched({"note.md", "folder/one.md", "folder/sub/two.md"});
  fs::rename(watched.vault / "note.md", watched.outside / "note.md");
  fs::rename(watched.vault / "folder", watched.outside / "folder");
  CHECK(watched.changes() == "removed folder/one.md; removed folder/sub/two.md; removed note.md");

  write_file(watched.outside / "folder" / "sub" / "two.md", "changed outside");
  write_file(watched.outside / "folder" / "three.md", "new outside");
  write_file(watched.vault / "sentinel.md", "s");
  CHECK(watched.changes() == "created sentinel.md");
}

TEST_CASE("a deleted folder reports each of its files as removed", "[watcher]") {
  WatchedVault watched({"keep.md", "gone/one.md", "gone/sub/two.md", "gone/sub/deeper/three.md"});
  fs::remove_all(watched.vault / "gone");
  CHECK(watched.changes() == "removed gone/one.md; removed gone/sub/deeper/three.md; removed gone/sub/two.md");

  // A folder of the same name can come back and is watched again.
  fs::create_directories(watched.vault / "gone");
  write_file(watched.vault / "gone" / "back.md", "b");
  CHECK(watched.changes() == "created gone/back.md");
}

TEST_CASE("an editor's save by temp file and rename is one modification", "[watcher]") {
  WatchedVault watched({"note.md"});
  SECTION("a dot temp file (vaultlink's own atomic write)") {
    write_file(watched.vault / ".note.md.vaultlink-tmp", "new bytes");
    fs::rename(watched.vault / ".note.md.vaultlink-tmp", watched.vault / "note.md");
  }
  SECTION("a visible temp file") {
    write_file(watched.vault / "note.md.tmp.1234", "new bytes");
    fs::rename(watched.vault / "note.md.tmp.1234", watched.vault / "note.md");
  }
  SECTION("vaultlink's atomic_write, which swaps the files with RENAME_EXCHANGE") {
    // The kernel reports the old note moving to the temp name: it must not
    // read as a removal (a bug the watch session met: the note's later real
    // removal then went unreported).
    REQUIRE(vaultlink::atomic_write(watched.vault / "note.md", "new bytes").written);
  }
  CHECK(watched.changes() == "modified note.md");
}

TEST_CASE("a note saved by atomic_write and then moved away is reported as moved", "[watcher]") {
  WatchedVault watched({"note.md"});
  REQUIRE(vaultlink::atomic_write(watched.vault / "note.md", "new bytes").written);
  CHECK(watched.changes() == "modified note.md");
  fs::rename(watched.vault / "note.md", watched.vault / "moved.md");
  CHECK(watched.changes() == "renamed moved.md <- note.md");
}

TEST_CASE("Vim's save with backupcopy=no is one modification", "[watcher]") {
  WatchedVault watched({"note.md"});
  // What Vim does on :w, swap file and all.
  write_file(watched.vault / ".note.md.swp", "swap");
  write_file(watched.vault / "4913", "");
  fs::remove(watched.vault / "4913");
  fs::rename(watched.vault / "note.md", watched.vault / "note.md~");
  write_file(watched.vault / "note.md", "new bytes");
  fs::remove(watched.vault / "note.md~");
  write_file(watched.vault / ".note.md.swp", "swap again");
  CHECK(watched.changes() == "modified note.md");
}

TEST_CASE("dot folders, dot files and editor files are ignored", "[watcher]") {
  WatchedVault watched({".obsidian/workspace.json", ".git/HEAD"});
  write_file(watched.vault / ".obsidian" / "workspace.json", "{}");
  fs::create_directories(watched.vault / ".trash" / "old");
  write_file(watched.vault / ".trash" / "old" / "note.md", "x");
  fs::create_directories(watched.vault / ".vaultlink");
  write_file(watched.vault / ".vaultlink" / "cache", "x");
  write_file(watched.vault / ".git" / "HEAD", "ref: refs/heads/main\n");
  write_file(watched.vault / ".hidden.md", "x");
  write_file(watched.vault / "note.md~", "x");
  write_file(watched.vault / "note.md.swp", "x");
  write_file(watched.vault / "#note.md#", "x");
  write_file(watched.vault / "sentinel.md", "x");
  CHECK(watched.changes() == "created sentinel.md");

  // A note moved into the trash is gone; one restored from it is back.
  write_file(watched.vault / "trashed.md", "x");
  CHECK(watched.changes() == "created trashed.md");
  fs::rename(watched.vault / "trashed.md", watched.vault / ".trash" / "trashed.md");
  CHECK(watched.changes() == "removed trashed.md");
  fs::rename(watched.vault / ".trash" / "trashed.md", watched.vault / "trashed.md");
  CHECK(watched.changes() == "created trashed.md");

  // So is a folder moved into the trash, and what happens to it there is not reported.
  fs::create_directories(watched.vault / "project");
  write_file(watched.vault / "project" / "plan.md", "x");
  CHECK(watched.changes() == "created project/plan.md");
  fs::rename(watched.vault / "project", watched.vault / ".trash" / "project");
  CHECK(watched.changes() == "removed project/plan.md");
  write_file(watched.vault / ".trash" / "project" / "plan.md", "edited in the trash");
  write_file(watched.vault / "sentinel.md", "y");
  CHECK(watched.changes() == "modified sentinel.md");
}

TEST_CASE("the ignore rules by name", "[watcher]") {
  using vaultlink::watcher_ignores_name;
  for (const char* name : {".git", ".obsidian", ".trash", ".vaultlink", ".note.md.vaultlink-tmp", ".note.md.swp",
                           "note.md.swp", "note.md.swx", "note.md.swo", "4913", "note.md~", "#note.md#"}) {
    CAPTURE(name);
    CHECK(watcher_ignores_name(name));
  }
  for (const char* name : {"note.md", "image.png", "4913.md", "notes.swift", "folder", "#tag note.md", "a~b.md"}) {
    CAPTURE(name);
    CHECK_FALSE(watcher_ignores_name(name));
  }
}

TEST_CASE("excluded folders are not reported", "[watcher]") {
  vaultlink::WatcherOptions options;
  options.excluded_folders = {"archive/", "templates"};
  WatchedVault watched({"archive/old.md"}, options);
  write_file(watched.vault / "archive" / "old.md", "changed");
  fs::create_directories(watched.vault / "templates" / "sub");
  write_file(watched.vault / "templates" / "sub" / "t.md", "t");
  fs::create_directories(watched.vault / "archived");
  write_file(watched.vault / "archived" / "kept.md", "k");
  CHECK(watched.changes() == "created archived/kept.md");
}

TEST_CASE("a burst of 1,000 changes arrives in a few batches with the right net result", "[watcher]") {
  WatchedVault watched;
  fs::create_directories(watched.vault / "burst");
  for (int i = 0; i < 400; ++i) write_file(watched.vault / "burst" / ("n" + std::to_string(i) + ".md"), "v1");
  for (int i = 0; i < 400; i += 2) write_file(watched.vault / "burst" / ("n" + std::to_string(i) + ".md"), "v2");
  for (int i = 1; i < 400; i += 4) fs::remove(watched.vault / "burst" / ("n" + std::to_string(i) + ".md"));
  for (int i = 3; i < 400; i += 4) {
    fs::rename(watched.vault / "burst" / ("n" + std::to_string(i) + ".md"),
               watched.vault / "burst" / ("r" + std::to_string(i) + ".md"));
  }
  // 400 + 200 + 100 + 100 = 800 file operations, plus the 200 more writes below.
  for (int i = 0; i < 200; ++i) write_file(watched.vault / "burst" / ("n" + std::to_string(i * 2) + ".md"), "v3");

  std::vector<ChangeBatch> batches = watched.batches();
  vaultlink::ChangeCoalescer merged;
  for (const ChangeBatch& batch : batches) {
    for (const FileChange& change : batch.changes) merged.apply(change);
  }
  std::set<std::string> expected;
  for (int i = 0; i < 400; i += 2) expected.insert("created burst/n" + std::to_string(i) + ".md");
  for (int i = 3; i < 400; i += 4) expected.insert("created burst/r" + std::to_string(i) + ".md");
  std::set<std::string> reported;
  for (const FileChange& change : merged.net()) {
    reported.insert(std::string(to_string(change.kind)) + " " + change.path);
  }
  CHECK(reported == expected);
  CHECK(batches.size() <= 10);
}

TEST_CASE("continuous writes still release batches after the maximum latency", "[watcher]") {
  vaultlink::WatcherOptions options;
  options.debounce = 50ms;
  options.max_latency = 300ms;
  WatchedVault watched({}, options);
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    // Writes every 10 ms, never quiet for a whole debounce, for up to 5 s.
    for (int i = 0; i < 500 && writing; ++i) {
      try_write(watched.vault / "typing.md", "keystroke " + std::to_string(i));
      std::this_thread::sleep_for(10ms);
    }
  });
  std::optional<ChangeBatch> batch = watched.watcher->next_batch(4s);
  const bool still_writing = writing.exchange(false);
  writer.join();
  REQUIRE(batch);
  CHECK(still_writing);
  CHECK(text(batch->changes) == "created typing.md");
}

TEST_CASE("the ready descriptor is readable exactly while a batch waits", "[watcher]") {
  WatchedVault watched;
  const int fd = watched.watcher->ready_fd();
  CHECK_FALSE(readable(fd, 0));
  write_file(watched.vault / "note.md", "x");
  REQUIRE(readable(fd, 10'000));
  std::optional<ChangeBatch> batch = watched.watcher->next_batch(0ms);
  REQUIRE(batch);
  CHECK(text(batch->changes) == "created note.md");
  CHECK_FALSE(readable(fd, 0));
  CHECK_FALSE(watched.watcher->next_batch(0ms));
}

TEST_CASE("a slow consumer gets the waiting batches merged", "[watcher]") {
  WatchedVault watched;
  const int fd = watched.watcher->ready_fd();
  write_file(watched.vault / "a.md", "x");
  REQUIRE(readable(fd, 10'000));
  // A second batch while the first is not taken yet.
  write_file(watched.vault / "b.md", "x");
  fs::remove(watched.vault / "a.md");
  CHECK(watched.changes() == "created b.md");
}

TEST_CASE("an overflow or a requested rescan yields a rescan batch, then watching goes on", "[watcher]") {
  WatchedVault watched({"note.md", "folder/one.md"});
  write_file(watched.vault / "pending.md", "superseded by the rescan");
  watched.watcher->request_rescan();
  std::vector<ChangeBatch> batches = watched.batches();
  // Whatever came before the rescan may have been released on its own first.
  auto rescan = std::find_if(batches.begin(), batches.end(), [](const ChangeBatch& b) { return b.rescan_needed; });
  REQUIRE(rescan != batches.end());
  CHECK(rescan->changes.empty());

  fs::create_directories(watched.vault / "folder" / "new");
  write_file(watched.vault / "folder" / "new" / "two.md", "2");
  fs::remove(watched.vault / "folder" / "one.md");
  CHECK(watched.changes() == "removed folder/one.md; created folder/new/two.md");
}

TEST_CASE("the watcher stops promptly while events keep arriving", "[watcher]") {
  vaultlink::test::Sandbox sandbox;
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; writing; ++i) {
      try_write(sandbox.root() / ("f" + std::to_string(i % 50) + ".md"), std::to_string(i));
      if (i % 50 == 0) std::this_thread::yield();
    }
  });
  vaultlink::WatcherOptions options;
  options.debounce = 1ms;
  for (int round = 0; round < 5; ++round) {
    auto watcher = vaultlink::make_watcher(sandbox.root(), options);
    watcher->next_batch(200ms);
    const auto start = std::chrono::steady_clock::now();
    watcher.reset();
    CHECK(std::chrono::steady_clock::now() - start < 2s);
  }
  writing = false;
  writer.join();
}

TEST_CASE("watching a missing folder fails with an error", "[watcher]") {
  vaultlink::test::Sandbox sandbox;
  CHECK_THROWS_AS(vaultlink::make_watcher(sandbox.root() / "missing", {}), std::system_error);
  write_file(sandbox.root() / "file.md", "x");
  CHECK_THROWS_AS(vaultlink::make_watcher(sandbox.root() / "file.md", {}), std::system_error);
}

TEST_CASE("the watcher options follow the vault's settings", "[watcher]") {
  vaultlink::Settings settings;
  settings.debounce_ms = 750;
  settings.excluded_folders = {"archive"};
  vaultlink::WatcherOptions options = vaultlink::watcher_options(settings);
  CHECK(options.debounce == 750ms);
  CHECK(options.excluded_folders == std::vector<std::string>{"archive"});
}
