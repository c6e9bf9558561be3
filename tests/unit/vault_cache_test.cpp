// Vault::load with the index cache, on real files: unchanged notes come from
// the cache, changed, new and deleted ones are seen, and a warm check reports
// exactly what a cold one does.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "git_test_support.hpp"
#include "vaultlink/diagnostic_json.hpp"
#include "vaultlink/git.hpp"
#include "vaultlink/note_cache.hpp"
#include "vaultlink/vault.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using vaultlink::test::Sandbox;

namespace {

Vault load_cached(const fs::path& root, Settings settings = Settings::defaults()) {
  return Vault::load(root, std::move(settings), LoadOptions{{}, true});
}

nlohmann::json json_of(const std::vector<Diagnostic>& diagnostics) { return diagnostics_to_json(diagnostics, 0); }

// Waits until the filesystem's clock has moved past every change made so far
// in `folder`. The cache only keeps notes whose times are older than the
// load's start as the filesystem sees it (see note_cache_loader.cpp), and a
// file's times advance in ticks (a few milliseconds), so a test that writes
// and loads at once would see its notes, rightly, left out of the cache.
void let_clock_pass(const fs::path& folder) {
  auto probe_time = [&] {
    const fs::path probe = folder / ".probe";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    struct stat info {};
    ::fstat(fd, &info);
    ::close(fd);
    ::unlink(probe.c_str());
    return info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec;
  };
  const auto start = probe_time();
  while (probe_time() == start) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

struct CacheFixture {
  Sandbox sandbox;
  fs::path root = sandbox.root();

  CacheFixture() {
    sandbox.write("Home.md", "# Home\n[[Ideas]] and [[Plans#Goals]]\n");
    sandbox.write("Ideas.md", "# Ideas\nsee [[Home]]\n");
    sandbox.write("Plans.md", "# Plans\n## Goals\nmore\n");
    sandbox.write("Later.md", "[[Home]]\n");
    sandbox.write("picture.png", "not a note");
    let_clock_pass(root);
  }
};

}  // namespace

TEST_CASE_METHOD(CacheFixture, "a warm load reuses every unchanged note", "[vault][note_cache]") {
  const Vault cold = load_cached(root);
  CHECK(cold.load_stats().notes_parsed == 4);
  CHECK(cold.load_stats().notes_reused == 0);
  CHECK(cold.load_stats().cache_written);
  REQUIRE(fs::exists(root / ".vaultlink/index.cache"));

  const Vault warm = load_cached(root);
  CHECK(warm.load_stats().notes_parsed == 0);
  CHECK(warm.load_stats().notes_reused == 4);
  CHECK_FALSE(warm.load_stats().cache_written);  // nothing changed: nothing written
  CHECK(json_of(warm.check()) == json_of(cold.check()));
  for (const auto& [path, file] : cold.index().files()) {
    const VaultFile* same = warm.index().find(path);
    REQUIRE(same);
    CHECK(same->stamp == file.stamp);
    if (file.note) CHECK(*same->note == *file.note);
  }
  // Without use_cache the cache is neither read nor written.
  const Vault plain = Vault::load(root, Settings::defaults());
  CHECK(plain.load_stats().notes_parsed == 4);
  CHECK(plain.load_stats().notes_reused == 0);
}

TEST_CASE_METHOD(CacheFixture, "a changed note is parsed again, the others come from the cache", "[vault][note_cache]") {
  load_cached(root);
  // Same size, so only the times tell the change apart.
  sandbox.write("Home.md", "# Home\n[[Ideas]] and [[Plans#Gxxls]]\n");
  let_clock_pass(root);

  const Vault warm = load_cached(root);
  CHECK(warm.load_stats().notes_parsed == 1);
  CHECK(warm.load_stats().notes_reused == 3);
  CHECK(warm.load_stats().cache_written);
  const auto diagnostics = warm.check();
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].path == "Home.md");
  CHECK(diagnostics[0].code == "broken-heading");
  CHECK(json_of(diagnostics) == json_of(Vault::load(root, Settings::defaults()).check()));

  const Vault again = load_cached(root);
  CHECK(again.load_stats().notes_reused == 4);
}

TEST_CASE_METHOD(CacheFixture, "deleted and new notes", "[vault][note_cache]") {
  load_cached(root);
  fs::remove(root / "Ideas.md");
  sandbox.write("New.md", "[[Plans]] [[Nowhere]]\n");
  let_clock_pass(root);

  const Vault warm = load_cached(root);
  CHECK(warm.load_stats().notes_parsed == 1);
  CHECK(warm.load_stats().notes_reused == 3);
  CHECK(warm.index().note_paths() == std::vector<std::string>{"Home.md", "Later.md", "New.md", "Plans.md"});
  CHECK(json_of(warm.check()) == json_of(Vault::load(root, Settings::defaults()).check()));

  SECTION("a deletion alone rewrites the cache without the note") {
    fs::remove(root / "Later.md");
    const Vault fewer = load_cached(root);
    CHECK(fewer.load_stats().notes_parsed == 0);
    CHECK(fewer.load_stats().cache_written);
    CHECK(NoteCache::read(note_cache_path(root), note_cache_key(Settings::defaults().max_note_bytes)).size() == 3);
  }
}

TEST_CASE_METHOD(CacheFixture, "a note whose times are not older than the load is not cached", "[vault][note_cache]") {
  // A file dated in the future could be rewritten later with the same stamp.
  const auto future = fs::file_time_type::clock::now() + std::chrono::hours(1);
  fs::last_write_time(root / "Plans.md", future);
  let_clock_pass(root);
  load_cached(root);
  const Vault warm = load_cached(root);
  CHECK(warm.load_stats().notes_parsed == 1);
  CHECK(warm.load_stats().notes_reused == 3);
  CHECK(warm.index().note("Plans.md")->headings.size() == 2);
}

TEST_CASE_METHOD(CacheFixture, "a corrupt cache file is ignored and replaced", "[vault][note_cache]") {
  load_cached(root);
  const fs::path file = note_cache_path(root);
  std::string bytes = sandbox.read(".vaultlink/index.cache");
  SECTION("truncated") { bytes.resize(bytes.size() / 2); }
  SECTION("a flipped bit") { bytes[bytes.size() / 2] ^= 0x10; }
  SECTION("garbage") { bytes = "not a cache at all"; }
  SECTION("empty") { bytes.clear(); }
  sandbox.write(".vaultlink/index.cache", bytes);

  const Vault reloaded = load_cached(root);
  CHECK(reloaded.load_stats().notes_parsed == 4);
  CHECK(reloaded.load_stats().cache_written);
  CHECK(json_of(reloaded.check()) == json_of(Vault::load(root, Settings::defaults()).check()));
  CHECK(load_cached(root).load_stats().notes_reused == 4);
}

TEST_CASE_METHOD(CacheFixture, "maxNoteBytes is part of the cache key", "[vault][note_cache]") {
  load_cached(root);
  Settings small = Settings::defaults();
  small.max_note_bytes = 20;  // Home.md is larger: now unreadable, not served from the cache
  const Vault limited = load_cached(root, small);
  CHECK(limited.load_stats().notes_reused == 0);
  CHECK_FALSE(limited.index().note("Home.md"));
  CHECK_FALSE(limited.index().find("Home.md")->read_error.empty());
}

TEST_CASE_METHOD(CacheFixture, "a vault that cannot be written is checked without a cache", "[vault][note_cache]") {
  if (::geteuid() == 0) {
    // Root writes into any folder, so block the state folder with a file instead.
    sandbox.write(".vaultlink", "a file where the state folder would be");
  } else {
    fs::permissions(root, fs::perms(0555), fs::perm_options::replace);
  }
  const Vault vault = load_cached(root);
  CHECK(vault.load_stats().notes_parsed == 4);
  CHECK_FALSE(vault.load_stats().cache_written);
  CHECK_FALSE(vault.load_stats().cache_problem.empty());
  CHECK_FALSE(fs::is_directory(root / ".vaultlink"));
  CHECK(json_of(vault.check()) == json_of(Vault::load(root, Settings::defaults()).check()));
  fs::permissions(root, fs::perms(0755), fs::perm_options::replace);
}

TEST_CASE("a warm check equals a cold check on the sample and shared fixture vaults", "[vault][note_cache]") {
  for (const fs::path& fixture : {vaultlink::test::examples_dir() / "vault",
                                  vaultlink::test::shared_dir() / "fixtures/obsidian-export-testdata/input"}) {
    Sandbox sandbox;
    const fs::path root = sandbox.copy_fixture(fixture);
    let_clock_pass(root);
    INFO(fixture);
    const Vault cold = Vault::load(root, Settings::load(root));
    load_cached(root, Settings::load(root));
    const Vault warm = load_cached(root, Settings::load(root));
    CHECK(warm.load_stats().notes_parsed == 0);
    CHECK(warm.load_stats().notes_reused == cold.index().note_paths().size());
    CHECK(json_of(warm.check()) == json_of(cold.check()));
  }
}

TEST_CASE("the state folder is never committed", "[vault][note_cache][git]") {
  Sandbox sandbox;
  vaultlink::test::HermeticGit hermetic{sandbox};
  const fs::path vault = sandbox.root() / "vault";
  vaultlink::test::init_repo(vault);
  vaultlink::test::write_file(vault / "Note.md", "[[Other]]\n");
  vaultlink::test::write_file(vault / "Other.md", "other\n");
  let_clock_pass(vault);
  REQUIRE(load_cached(vault).load_stats().cache_written);
  REQUIRE(fs::exists(vault / ".vaultlink/index.cache"));

  Settings settings = Settings::defaults();
  SECTION("by vaultlink, through the default gitIgnoredPaths") {}
  SECTION("by vaultlink, even with no gitIgnoredPaths, through the folder's own .gitignore") {
    settings.git_ignored_paths.clear();
  }
  REQUIRE(commit_vault(vault, settings).outcome == CommitOutcome::committed);
  CHECK(vaultlink::test::git(vault, "ls-files") == "Note.md\nOther.md\n");
  // Nor by a plain `git add -A`.
  CHECK(vaultlink::test::git(vault, "status --porcelain --untracked-files=all").empty());
  vaultlink::test::git(vault, "add -A");
  CHECK(vaultlink::test::git(vault, "diff --cached --name-only").empty());
}
