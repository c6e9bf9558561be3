// Loading a vault from disk: which files belong to it (rule 16), symlinks,
// unreadable files, and the reverse link graph.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "sandbox.hpp"
#include "vaultlink/vault.hpp"

namespace fs = std::filesystem;
using vaultlink::Settings;
using vaultlink::Vault;
using vaultlink::test::Sandbox;

namespace {
std::vector<std::string> codes_of(const std::vector<vaultlink::Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.path + " " + d.code);
  return out;
}
}  // namespace

TEST_CASE("rule 16: dot folders are not part of the vault", "[vault][rule16]") {
  Sandbox sandbox;
  sandbox.write("Note.md", "[[Hidden]] [[Trashed]]\n");
  sandbox.write(".obsidian/Hidden.md", "");
  sandbox.write(".trash/Trashed.md", "[[Broken]]\n");
  sandbox.write(".git/x.md", "[[Broken]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vault.index().note_paths() == std::vector<std::string>{"Note.md"});
  CHECK(codes_of(vault.check()) == std::vector<std::string>{"Note.md broken-link", "Note.md broken-link"});
}

TEST_CASE("rule 16: userIgnoreFilters in .obsidian/app.json exclude paths", "[vault][rule16]") {
  Sandbox sandbox;
  sandbox.write(".obsidian/app.json", R"({"userIgnoreFilters": ["Archive/", "/\\.excalidraw\\.md$/"]})");
  sandbox.write("Archive/Old.md", "[[Broken]]\n");
  sandbox.write("Drawing.excalidraw.md", "[[Broken]]\n");
  sandbox.write("Kept.md", "[[Old]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vault.index().note_paths() == std::vector<std::string>{"Kept.md"});
  CHECK(codes_of(vault.check()) == std::vector<std::string>{"Kept.md broken-link"});
}

TEST_CASE("excludedFolders setting excludes folders", "[vault][settings]") {
  Sandbox sandbox;
  sandbox.write("templates/T.md", "[[{{title}}]]\n");
  sandbox.write("Kept.md", "");
  Settings settings = Settings::defaults();
  settings.excluded_folders = {"templates"};
  Vault vault = Vault::load(sandbox.root(), settings);
  CHECK(vault.index().note_paths() == std::vector<std::string>{"Kept.md"});
}

TEST_CASE("a symlink loop and a link pointing outside are reported, not followed", "[vault][bad-input]") {
  Sandbox sandbox;
  fs::path vault_dir = sandbox.root() / "vault";
  sandbox.write("outside/Secret.md", "secret\n");
  sandbox.write("vault/Note.md", "[[Secret]]\n");
  fs::create_symlink("loop-b.md", vault_dir / "loop-a.md");
  fs::create_symlink("loop-a.md", vault_dir / "loop-b.md");
  fs::create_symlink(sandbox.root() / "outside" / "Secret.md", vault_dir / "Secret.md");
  fs::create_directory_symlink(vault_dir, vault_dir / "self");          // a folder loop
  fs::create_directory_symlink(sandbox.root() / "outside", vault_dir / "out");
  Vault vault = Vault::load(vault_dir, Settings::defaults());
  CHECK(vault.index().note_paths() == std::vector<std::string>{"Note.md"});
  CHECK(codes_of(vault.check()) == std::vector<std::string>{"Note.md broken-link", "Secret.md unreadable-file",
                                                            "loop-a.md unreadable-file", "loop-b.md unreadable-file"});
}

TEST_CASE("a symlinked note inside the vault is read", "[vault]") {
  Sandbox sandbox;
  sandbox.write("real/Note.md", "# H\n");
  fs::create_symlink("real/Note.md", sandbox.root() / "Alias.md");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vault.index().note("Alias.md") != nullptr);
}

TEST_CASE("an unreadable note is a diagnostic and the rest is still checked", "[vault][bad-input]") {
  Sandbox sandbox;
  sandbox.write("Good.md", "[[Missing]]\n");
  fs::path locked = sandbox.write("Locked.md", "text\n");
  ::chmod(locked.c_str(), 0);
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  auto codes = codes_of(vault.check());
  if (::geteuid() == 0) {
    CHECK(codes == std::vector<std::string>{"Good.md broken-link"});  // root reads anything
  } else {
    CHECK(codes == std::vector<std::string>{"Good.md broken-link", "Locked.md unreadable-file"});
  }
}

TEST_CASE("a note over maxNoteBytes is unreadable-file, not parsed", "[vault][bad-input]") {
  Sandbox sandbox;
  sandbox.write("Big.md", std::string(2048, 'x'));
  Settings settings = Settings::defaults();
  settings.max_note_bytes = 1024;
  Vault vault = Vault::load(sandbox.root(), settings);
  CHECK(codes_of(vault.check()) == std::vector<std::string>{"Big.md unreadable-file"});
}

TEST_CASE("a 50 MB note is checked", "[vault][bad-input]") {
  Sandbox sandbox;
  const std::string plain = "A line of plain text, long enough to be a realistic line of prose in a note.\n";
  const std::string linked = "A line with a [[Missing]] link and `code [[not a link]]` in it.\n";
  std::string big;
  big.reserve((50u << 20) + 4096);
  std::size_t links = 0;
  while (big.size() < (50u << 20)) {
    for (int i = 0; i < 999; ++i) big += plain;
    big += linked;
    ++links;
  }
  sandbox.write("Big.md", big);
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(vault.check().size() == links);
}

TEST_CASE("the reverse link graph knows who links to whom", "[vault][graph]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[B]] [[C]] [[B#x]]\n");
  sandbox.write("B.md", "[[C]] [[B]]\n");
  sandbox.write("C.md", "");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  const auto& to_c = vault.graph().sources_of("C.md");
  CHECK(std::vector<std::string>(to_c.begin(), to_c.end()) == std::vector<std::string>{"A.md", "B.md"});
  const auto& to_b = vault.graph().sources_of("B.md");
  CHECK(std::vector<std::string>(to_b.begin(), to_b.end()) == std::vector<std::string>{"A.md", "B.md"});
  CHECK(vault.graph().dependents_of_name("c").contains("A.md"));
}

TEST_CASE("check limits the report to the given notes", "[vault]") {
  Sandbox sandbox;
  sandbox.write("A.md", "[[Missing]]\n");
  sandbox.write("B.md", "[[Missing]]\n");
  Vault vault = Vault::load(sandbox.root(), Settings::defaults());
  CHECK(codes_of(vault.check({"B.md"})) == std::vector<std::string>{"B.md broken-link"});
}
