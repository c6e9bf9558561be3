// Temp files a killed atomic_write leaves behind: never a note, removed once
// stale, and nothing else is ever removed in their name.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/fs.hpp"
#include "vaultlink/vault.hpp"
#include "write_leftover.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using vaultlink::remove_stale_write_temp;
using vaultlink::WriteLeftover;
using vaultlink::test::Sandbox;

namespace {

// A moment at which a file made just now counts as stale.
std::chrono::system_clock::time_point later() { return std::chrono::system_clock::now() + vaultlink::kStaleWriteTempAge + 1s; }

// The dot files in `folder`, as a killed write leaves them.
std::vector<fs::path> temp_files_in(const fs::path& folder) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(folder))
    if (vaultlink::is_atomic_write_temp(entry.path().string())) found.push_back(entry.path());
  return found;
}

// Kills a process in the middle of atomic_write, the way a crash does: the
// file size limit's signal (SIGXFSZ, not ignored) ends it inside write().
fs::path leftover_of_killed_write(const fs::path& note) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    struct rlimit limit {4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    vaultlink::atomic_write(note, std::string(100000, 'n'));
    ::_exit(0);  // not reached when the limit kills the write
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFSIGNALED(status));
  const auto temps = temp_files_in(note.parent_path());
  REQUIRE(temps.size() == 1);
  return temps.front();
}

}  // namespace

TEST_CASE("a killed write's temp file is no note, and is removed once stale", "[fs][stale_temp]") {
  Sandbox sandbox;
  const std::string text = "# Note\n\nThe user's words.\n";
  const fs::path note = sandbox.write("Notes/Note.md", text);
  const fs::path temp = leftover_of_killed_write(note);
  CHECK(sandbox.read("Notes/Note.md") == text);  // the note itself is intact

  // A fresh one may belong to a write still under way in another process:
  // loading the vault skips it as a note and leaves it where it is.
  auto vault = vaultlink::Vault::load(sandbox.root(), vaultlink::Settings::defaults());
  CHECK(vault.index().note_paths() == std::vector<std::string>{"Notes/Note.md"});
  CHECK(fs::exists(temp));
  CHECK_FALSE(remove_stale_write_temp(temp));

  CHECK(remove_stale_write_temp(temp, later()));
  CHECK_FALSE(fs::exists(temp));
  CHECK(sandbox.read("Notes/Note.md") == text);
}

TEST_CASE("only files with the exact temp name are removed, however old", "[fs][stale_temp]") {
  Sandbox sandbox;
  const std::vector<std::string> kept = {
      "Note.md",
      "Note.md.0123456789abcdef.vaultlink-tmp",        // no leading dot: a user's file
      ".Note.md.vaultlink-tmp",                        // no random part
      ".Note.md.0123456789ABCDEF.vaultlink-tmp",       // not our lowercase digits
      ".Note.md.0123456789abcde.vaultlink-tmp",        // 15 digits
      ".Note.md-0123456789abcdef.vaultlink-tmp",       // no dot before the digits
      "..0123456789abcdef.vaultlink-tmp",              // no name before them
      ".Note.md.0123456789abcdef.vaultlink-tmp.md",    // another suffix
      ".Note.md.0123456789abcdef.vaultlink-tmp.bak",
  };
  for (const auto& name : kept) {
    sandbox.write(name, "user text\n");
    CHECK_FALSE(remove_stale_write_temp(sandbox.root() / name, later()));
    CHECK(fs::exists(sandbox.root() / name));
  }
  sandbox.write(".Note.md.0123456789abcdef.vaultlink-tmp", "left by a killed write\n");
  CHECK(remove_stale_write_temp(sandbox.root() / ".Note.md.0123456789abcdef.vaultlink-tmp", later()));
}

TEST_CASE("a symlink or folder with the temp name is not removed, nor what it points to", "[fs][stale_temp]") {
  Sandbox sandbox;
  const fs::path target = sandbox.write("Precious.md", "only copy\n");
  const fs::path link = sandbox.root() / ".Precious.md.00000000deadbeef.vaultlink-tmp";
  fs::create_symlink(target, link);
  const fs::path folder = sandbox.root() / ".Folder.00000000deadbeef.vaultlink-tmp";
  fs::create_directory(folder);

  CHECK_FALSE(remove_stale_write_temp(link, later()));
  CHECK_FALSE(remove_stale_write_temp(folder, later()));
  CHECK(fs::is_symlink(link));
  CHECK(fs::is_directory(folder));
  CHECK(sandbox.read("Precious.md") == "only copy\n");
}

TEST_CASE("a stale leftover holding words its note lacks is kept", "[fs][stale_temp]") {
  // A kill right after the swap leaves the note's old inode under the temp
  // name; an append that reached it in that instant is nowhere else.
  Sandbox sandbox;
  const std::string section = "<!-- vaultlink:backlinks -->\n## Backlinks\n- [[A]]\n<!-- /vaultlink:backlinks -->\n";
  const fs::path note = sandbox.write("Note.md", "# Note\n\nwords\n\n" + section);
  const fs::path temp = sandbox.root() / ".Note.md.0123456789abcdef.vaultlink-tmp";

  SECTION("the old text plus an append the note never got: kept") {
    sandbox.write(temp.filename().string(), "# Note\n\nwords\n\nappended last\n");
    CHECK(vaultlink::settle_write_leftover(temp, later()) == WriteLeftover::holds_words);
    CHECK(fs::exists(temp));
  }
  SECTION("the old text, whose words the note has (the section aside): removed") {
    sandbox.write(temp.filename().string(), "# Note\n\nwords\n\n");
    CHECK(vaultlink::settle_write_leftover(temp, later()) == WriteLeftover::removed);
    CHECK_FALSE(fs::exists(temp));
  }
  SECTION("a new text cut short by the kill: removed") {
    sandbox.write(temp.filename().string(), "# Note\n\nwo");
    CHECK(vaultlink::settle_write_leftover(temp, later()) == WriteLeftover::removed);
  }
  SECTION("its note is gone: kept") {
    sandbox.write(temp.filename().string(), "# Note\n\nwords\n");
    fs::remove(note);
    CHECK(vaultlink::settle_write_leftover(temp, later()) == WriteLeftover::holds_words);
  }
  SECTION("fresh: kept whatever it holds") {
    sandbox.write(temp.filename().string(), "# Note\n\nwords\n\n");
    CHECK(vaultlink::settle_write_leftover(temp) == WriteLeftover::not_stale);
  }
}

TEST_CASE("a kept leftover is reported on its note as interrupted-write", "[fs][stale_temp]") {
  Sandbox sandbox;
  sandbox.write("Notes/Note.md", "# Note\n\nwords\n");
  const fs::path temp = sandbox.write("Notes/.Note.md.0123456789abcdef.vaultlink-tmp", "# Note\n\nwords\n\nappended last\n");

  auto problem = vaultlink::settle_write_leftover_reporting(temp, sandbox.root(), later());
  REQUIRE(problem);
  CHECK(problem->path == "Notes/Note.md");
  CHECK(problem->code == vaultlink::code::interrupted_write);
  CHECK_THAT(problem->message, Catch::Contains(".Note.md.0123456789abcdef.vaultlink-tmp"));
  CHECK(fs::exists(temp));

  // Not yet stale (a write may be under way), or already merged: nothing to say.
  CHECK_FALSE(vaultlink::settle_write_leftover_reporting(temp, sandbox.root()));
  sandbox.write("Notes/Note.md", "# Note\n\nwords\n\nappended last\n");
  CHECK_FALSE(vaultlink::settle_write_leftover_reporting(temp, sandbox.root(), later()));
  CHECK_FALSE(fs::exists(temp));
}

TEST_CASE("interrupted-write is a warning by default, reported by check", "[fs][stale_temp]") {
  // Through the real scan the leftover is fresh: check says nothing about it
  // and leaves it; the stale case is settle_write_leftover_reporting's above.
  Sandbox sandbox;
  sandbox.write("Note.md", "# Note\n");
  const fs::path temp = sandbox.write(".Note.md.0123456789abcdef.vaultlink-tmp", "# Note\n\nmore\n");
  auto vault = vaultlink::Vault::load(sandbox.root(), vaultlink::Settings::defaults());
  CHECK(vault.check().empty());
  CHECK(fs::exists(temp));
  CHECK(vaultlink::Settings::defaults().severity_of(vaultlink::code::interrupted_write) == vaultlink::Severity::warning);
}
