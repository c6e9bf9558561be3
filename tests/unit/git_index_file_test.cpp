// vaultlink's own reader and writer of git's index file (core/src/git_index_file.*),
// checked against what the git CLI writes and reads: an index it wrote comes
// back byte for byte, a changed one is read by git as meant (entries, and a
// cached tree that no longer says anything stale), and every index it does
// not handle is refused, never misread.
#include <openssl/evp.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "git_index_file.hpp"
#include "git_test_support.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using namespace vaultlink::test;
using vaultlink::gitx::GitIndexFile;

namespace {

std::string with_checksum(const std::string& content) {
  unsigned char sum[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(content.data(), content.size(), sum, &size, EVP_sha1(), nullptr) == 1);
  return content + std::string(reinterpret_cast<const char*>(sum), size);
}

struct IndexFixture {
  Sandbox sandbox;
  HermeticGit hermetic{sandbox};
  fs::path repo = sandbox.root() / "repo";
  fs::path index_file = repo / ".git/index";

  IndexFixture() {
    init_repo(repo);
    write_file(repo / "Home.md", "home\n");
    write_file(repo / "notes/a.md", "a\n");
    write_file(repo / "notes/deep/b.md", "b\n");
    write_file(repo / "notes/deep/c.md", "c\n");
    write_file(repo / "other/d.md", "d\n");
    git(repo, "add -A");
    git(repo, "commit -q -m initial");  // leaves a cached tree (the TREE extension) in the index
  }

  GitIndexFile read() {
    std::string why_not;
    std::optional<GitIndexFile> index = GitIndexFile::read(index_file, &why_not);
    INFO(why_not);
    REQUIRE(index);
    return std::move(*index);
  }

  std::string refusal() {
    std::string why_not;
    CHECK_FALSE(GitIndexFile::read(index_file, &why_not));
    CHECK_FALSE(why_not.empty());
    return why_not;
  }

  // Sets `path` to the file's content now, as `git add` would.
  void set_from_worktree(GitIndexFile& index, const std::string& path) {
    const std::string hex = git(repo, "hash-object -w " + path);
    git_oid id{};
    REQUIRE(git_oid_fromstrn(&id, hex.c_str(), GIT_OID_HEXSZ) == 0);
    struct stat info {};
    REQUIRE(::lstat((repo / path).c_str(), &info) == 0);
    index.set(path, id, 0100644, info);
  }

  // The tree git builds from the index, using its cached trees where they
  // say they are valid, as listed paths and blobs.
  std::string tree_git_writes() { return git(repo, "ls-tree -r $(git write-tree)"); }
  // The same built from the entries alone.
  std::string tree_of_entries() {
    return run_in(repo, "git ls-files -s | awk '{print $1\" blob \"$2\"\\t\"$4}'").output;
  }
};

}  // namespace

TEST_CASE_METHOD(IndexFixture, "an index git wrote is written back byte for byte", "[git][index-file]") {
  const std::string original = read_file_text(index_file);
  GitIndexFile index = read();
  CHECK(index.records().size() == 5);
  CHECK(index.serialized() == original);
}

TEST_CASE_METHOD(IndexFixture, "resolve-undo records of a settled conflict are kept", "[git][index-file]") {
  git(repo, "checkout -q -b side");
  write_file(repo / "Home.md", "home, side\n");
  git(repo, "commit -q -am side");
  git(repo, "checkout -q main");
  write_file(repo / "Home.md", "home, main\n");
  git(repo, "commit -q -am main");
  CHECK(run_in(repo, "git merge -q side").status != 0);
  write_file(repo / "Home.md", "home, both\n");
  git(repo, "add Home.md");  // records the conflict's stages in the REUC extension
  const std::string original = read_file_text(index_file);
  REQUIRE(original.find("REUC") != std::string::npos);

  GitIndexFile index = read();
  CHECK(index.serialized() == original);
}

TEST_CASE_METHOD(IndexFixture, "git reads changed, added and removed entries as written", "[git][index-file]") {
  write_file(repo / "notes/deep/b.md", "b, edited\n");
  write_file(repo / "new/e.md", "e\n");
  fs::remove(repo / "other/d.md");
  GitIndexFile index = read();
  set_from_worktree(index, "notes/deep/b.md");
  set_from_worktree(index, "new/e.md");
  index.remove("other/d.md");
  write_file(index_file, index.serialized());
  // Read back by this reader too, with the checksum it wrote.
  GitIndexFile again = read();
  CHECK(again.records().size() == 5);
  CHECK(git_oid_equal(&again.checksum(), &index.checksum()));

  CHECK(git(repo, "ls-files") == "Home.md\nnew/e.md\nnotes/a.md\nnotes/deep/b.md\nnotes/deep/c.md\n");
  CHECK(git(repo, "status --porcelain") == "A  new/e.md\nM  notes/deep/b.md\nD  other/d.md\n");
  // No cached tree above a changed path may still claim the old content.
  CHECK(tree_git_writes() == tree_of_entries());
  CHECK(run_in(repo, "git fsck --no-dangling").status == 0);
}

TEST_CASE_METHOD(IndexFixture, "an unchanged content keeps the cached trees above it", "[git][index-file]") {
  // Same blob, new stat data (a touched file): nothing above it changes.
  const auto cached_trees = [](const std::string& index_bytes) {
    const std::size_t at = index_bytes.find("TREE");
    return index_bytes.substr(at, index_bytes.size() - GIT_OID_RAWSZ - at);  // the checksum left out
  };
  const std::string original = read_file_text(index_file);
  const std::string original_tree = git(repo, "write-tree");
  write_file(repo / "notes/deep/b.md", "b\n");
  GitIndexFile index = read();
  set_from_worktree(index, "notes/deep/b.md");
  const std::string written = index.serialized();
  CHECK(written != original);  // the record's stat data changed
  CHECK(cached_trees(written) == cached_trees(original));
  write_file(index_file, written);
  CHECK(git(repo, "write-tree") == original_tree);
  CHECK(git(repo, "status --porcelain").empty());

  SECTION("new content does not") {
    write_file(repo / "notes/deep/b.md", "b, edited\n");
    GitIndexFile edited = read();
    set_from_worktree(edited, "notes/deep/b.md");
    CHECK(cached_trees(edited.serialized()) != cached_trees(written));
  }
}

TEST_CASE_METHOD(IndexFixture, "cache extensions git rebuilds are left out, and git reads the rest",
                 "[git][index-file]") {
  git(repo, "config core.untrackedCache true");
  write_file(repo / "untracked.md", "u\n");
  git(repo, "status --porcelain");  // writes the untracked cache (UNTR)
  git(repo, "update-index --untracked-cache");
  git(repo, "status --porcelain");
  REQUIRE(read_file_text(index_file).find("UNTR") != std::string::npos);

  GitIndexFile index = read();
  const std::string written = index.serialized();
  CHECK(written.find("UNTR") == std::string::npos);
  write_file(index_file, written);
  CHECK(git(repo, "status --porcelain") == "?? untracked.md\n");
}

TEST_CASE_METHOD(IndexFixture, "indexes this reader leaves to libgit2 are refused with a reason",
                 "[git][index-file]") {
  SECTION("version 4") {
    git(repo, "update-index --index-version 4");
    CHECK(refusal() == "index version 4");
  }
  SECTION("a split index") {
    git(repo, "update-index --split-index");
    refusal();  // its entries name only what differs from the shared index
  }
  SECTION("a skip-worktree entry") {
    git(repo, "update-index --skip-worktree notes/a.md");
    CHECK(refusal().find("extended flags") != std::string::npos);
  }
  SECTION("an intent-to-add entry") {
    write_file(repo / "later.md", "later\n");
    git(repo, "add -N later.md");
    CHECK(refusal().find("extended flags") != std::string::npos);
  }
  SECTION("no index at all") {
    fs::remove(index_file);
    CHECK(refusal() == "no index file");
  }
}

TEST_CASE_METHOD(IndexFixture, "a damaged index is refused, never misread", "[git][index-file]") {
  const std::string original = read_file_text(index_file);
  SECTION("one byte changed: the checksum no longer matches") {
    std::string damaged = original;
    damaged[40] = static_cast<char>(damaged[40] ^ 1);
    write_file(index_file, damaged);
    CHECK(refusal() == "the index's checksum does not match");
  }
  SECTION("cut anywhere") {
    for (std::size_t size = 0; size < original.size(); ++size) {
      write_file(index_file, original.substr(0, size));
      std::string why_not;
      CHECK_FALSE(GitIndexFile::read(index_file, &why_not));
    }
  }
  // The checksum guards against accidents, not against a file made to be
  // read wrong: the parser itself must stay inside the file.
  const std::string content = original.substr(0, original.size() - GIT_OID_RAWSZ);
  SECTION("cut anywhere, with a checksum that matches") {
    // Cut right after the entries, it is a valid index without extensions.
    const std::size_t entries_end = content.find("TREE");
    REQUIRE(entries_end != std::string::npos);
    for (std::size_t size = 0; size < content.size(); ++size) {
      write_file(index_file, with_checksum(content.substr(0, size)));
      std::string why_not;
      const auto index = GitIndexFile::read(index_file, &why_not);
      if (size == entries_end) CHECK((index && index->records().size() == 5));
      else CHECK_FALSE(index);
    }
  }
  SECTION("any byte changed, with a checksum that matches") {
    for (std::size_t at = 0; at < content.size(); ++at) {
      for (unsigned char value : {0x00, 0x2f, 0x7f, 0xff}) {
        std::string changed = content;
        changed[at] = static_cast<char>(value);
        write_file(index_file, with_checksum(changed));
        std::string why_not;
        if (auto index = GitIndexFile::read(index_file, &why_not)) (void)index->serialized();
      }
    }
  }
}
