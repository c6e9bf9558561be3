// The index cache format: every field of a parsed note survives the round
// trip, and a damaged, truncated or foreign cache file is treated as absent.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sandbox.hpp"
#include "vaultlink/note_cache.hpp"
#include "vaultlink/parse.hpp"

namespace fs = std::filesystem;
using namespace vaultlink;
using vaultlink::test::Sandbox;

namespace {

// A note that sets every field of the model at least once.
constexpr std::string_view kRichNote =
    "---\n"
    "aliases: [Rich, \"The rich one\"]\n"
    "videoId: zFfSrTvgeis\n"
    "duration: \"01:02:03\"\n"
    "links: \"[[Front Target]]\"\n"
    "---\n"
    "# Title\n"
    "Setext\n"
    "------\n"
    "A [[Target#Heading|shown]] and ![[Picture.png]] and [md](Other%20Note.md#^block) and [[]] here. ^para-1\n"
    "\n"
    "`[[not a link]]` and\n"
    "```\n[[also not]]\n```\n"
    "<a class=\"yt-timestamp\" data-t=\"00:15:21\">[00:15:21]</a> said it.\n"
    "###### Deep\n"
    "$[[math]]$ text\n"
    "<!-- vaultlink:backlinks -->\n"
    "## Backlinks\n"
    "- [[Elsewhere]]\n"
    "<!-- /vaultlink:backlinks -->\n";

using namespace std::string_view_literals;
// Broken YAML, a control character, a NUL byte and invalid UTF-8.
constexpr std::string_view kBrokenNote = "---\naliases: [unclosed\n---\nbody \x01 with\0nul\n\xff\xfe bad utf8\n"sv;

Note rich_note() { return parse_note("Folder/Rich note.md", kRichNote); }

Note broken_note() {
  return parse_note("Broken.md", kBrokenNote);
}

std::optional<Note> round_trip(const Note& note) {
  std::string bytes;
  encode_note(note, bytes);
  return decode_note(bytes);
}

std::vector<NoteCacheEntry> entries_for(std::vector<Note> notes) {
  std::vector<NoteCacheEntry> entries;
  std::int64_t tick = 1'000'000'000;
  for (auto& note : notes) {
    CacheStamp stamp{{note.size, tick}, tick + 7, static_cast<std::uint64_t>(tick / 3)};
    tick += 1'000'000'000;
    std::string path = note.path;
    entries.push_back({path, stamp, std::make_shared<const Note>(std::move(note))});
  }
  return entries;
}

const NoteCacheKey kKey{"fingerprint-1", 1000};

}  // namespace

TEST_CASE("a parsed note survives the cache round trip field by field", "[note_cache]") {
  const Note note = rich_note();
  // The sample really exercises every part of the model.
  REQUIRE(note.frontmatter.present);
  REQUIRE(note.frontmatter.aliases.size() == 2);
  REQUIRE(note.frontmatter.video_id);
  REQUIRE(note.frontmatter.duration);
  REQUIRE(note.headings.size() >= 3);
  REQUIRE_FALSE(note.block_ids.empty());
  REQUIRE(note.links.size() >= 4);
  REQUIRE(std::any_of(note.links.begin(), note.links.end(), [](const Link& l) { return l.syntax == LinkSyntax::markdown; }));
  REQUIRE(std::any_of(note.links.begin(), note.links.end(), [](const Link& l) { return l.embed; }));
  REQUIRE(std::any_of(note.links.begin(), note.links.end(), [](const Link& l) { return !l.malformed.empty(); }));
  REQUIRE_FALSE(note.timestamps.empty());
  REQUIRE(note.code.size() >= 2);
  REQUIRE(note.generated);

  auto copy = round_trip(note);
  REQUIRE(copy);
  CHECK(*copy == note);
  // The equality operator really compares fields: a changed copy differs.
  copy->links.back().display += "x";
  CHECK_FALSE(*copy == note);

  const Note broken = broken_note();
  REQUIRE_FALSE(broken.problems.empty());
  REQUIRE_FALSE(broken.frontmatter.error.empty());
  auto broken_copy = round_trip(broken);
  REQUIRE(broken_copy);
  CHECK(*broken_copy == broken);
}

TEST_CASE("every note of the sample and shared fixture vaults round-trips", "[note_cache]") {
  std::size_t notes = 0;
  for (const fs::path& root : {vaultlink::test::examples_dir() / "vault", vaultlink::test::shared_dir() / "fixtures"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const Note note = parse_note(entry.path().lexically_relative(root).generic_string(), text.str());
      auto copy = round_trip(note);
      INFO(entry.path());
      REQUIRE(copy);
      CHECK(*copy == note);
      ++notes;
    }
  }
  CHECK(notes > 20);
}

TEST_CASE("a cache file returns its notes for the stamps they were cached with", "[note_cache]") {
  const auto entries = entries_for({rich_note(), broken_note()});
  const NoteCache cache = NoteCache::decode(encode_note_cache(kKey, entries), kKey);
  REQUIRE(cache.size() == 2);
  for (const auto& entry : entries) {
    auto found = cache.find(entry.path, entry.stamp);
    REQUIRE(found);
    CHECK(*found == *entry.note);
    CacheStamp newer = entry.stamp;
    newer.file.mtime_ns += 1;
    CHECK_FALSE(cache.find(entry.path, newer));
    CacheStamp replaced = entry.stamp;
    replaced.inode += 1;
    CHECK_FALSE(cache.find(entry.path, replaced));
  }
  CHECK_FALSE(cache.find("Missing.md", entries[0].stamp));
}

TEST_CASE("a cache from another build or another maxNoteBytes is not used", "[note_cache]") {
  const std::string bytes = encode_note_cache(kKey, entries_for({rich_note()}));
  CHECK(NoteCache::decode(bytes, kKey).size() == 1);
  CHECK(NoteCache::decode(bytes, {"fingerprint-2", kKey.max_note_bytes}).size() == 0);
  CHECK(NoteCache::decode(bytes, {kKey.fingerprint, kKey.max_note_bytes + 1}).size() == 0);
  // The running build's key names the parsing libraries too.
  CHECK(note_cache_key(5).fingerprint.find("cmark-gfm") != std::string::npos);
  CHECK(note_cache_key(5).max_note_bytes == 5);
}

TEST_CASE("truncated and bit-flipped cache files are treated as absent", "[note_cache]") {
  const std::string bytes = encode_note_cache(kKey, entries_for({rich_note(), broken_note()}));
  REQUIRE(NoteCache::decode(bytes, kKey).size() == 2);
  for (std::size_t length = 0; length < bytes.size(); ++length)
    REQUIRE(NoteCache::decode(std::string_view(bytes).substr(0, length), kKey).size() == 0);
  CHECK(NoteCache::decode(bytes + '\0', kKey).size() == 0);
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << (at % 8)));
    INFO("bit flipped in byte " << at);
    REQUIRE(NoteCache::decode(flipped, kKey).size() == 0);
  }
}

TEST_CASE("damaged note encodings are refused or decoded consistently, never read out of bounds", "[note_cache]") {
  std::string bytes;
  encode_note(rich_note(), bytes);
  // Every strict prefix lacks a field.
  for (std::size_t length = 0; length < bytes.size(); ++length)
    REQUIRE_FALSE(decode_note(std::string_view(bytes).substr(0, length)));
  // Past the checksum a flipped bit may still spell a valid note (a letter in
  // a string); then it must be exactly what its bytes say.
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x40);
    if (auto note = decode_note(flipped)) {
      std::string again;
      encode_note(*note, again);
      REQUIRE(again == flipped);
    }
  }
  // Impossible notes: a range beyond the note's size, a heading level of 9.
  Note note = rich_note();
  note.links.front().range.end = static_cast<std::uint32_t>(note.size + 1);
  bytes.clear();
  encode_note(note, bytes);
  CHECK_FALSE(decode_note(bytes));
  note = rich_note();
  note.headings.front().level = 9;
  bytes.clear();
  encode_note(note, bytes);
  CHECK_FALSE(decode_note(bytes));
}

TEST_CASE("the cache file is written atomically, private, into a self-ignoring state folder", "[note_cache]") {
  Sandbox sandbox;
  const fs::path file = note_cache_path(sandbox.root());
  CHECK(file == sandbox.root() / ".vaultlink" / "index.cache");
  const auto entries = entries_for({rich_note()});
  WriteResult written = write_note_cache(file, kKey, entries);
  REQUIRE(written.error == "");
  CHECK(written.written);
  struct stat info {};
  REQUIRE(::stat(file.parent_path().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(sandbox.read(".vaultlink/.gitignore").find("\n*\n") != std::string::npos);
  CHECK(NoteCache::read(file, kKey).size() == 1);

  // Rewritten in place: still 0600, no temp file left behind.
  REQUIRE(write_note_cache(file, kKey, entries_for({rich_note(), broken_note()})).written);
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(NoteCache::read(file, kKey).size() == 2);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(file.parent_path())) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".gitignore", "index.cache"});
  CHECK(NoteCache::read(sandbox.root() / "missing.cache", kKey).size() == 0);
}

TEST_CASE("a state folder left without its .gitignore gets it back", "[note_cache]") {
  // A process killed between creating the folder and writing its .gitignore
  // (fault_kill_test found one) left the folder showing in git status.
  Sandbox sandbox;
  const fs::path folder = sandbox.root() / ".vaultlink";
  fs::create_directory(folder);
  REQUIRE(ensure_state_folder(folder) == "");
  CHECK(sandbox.read(".vaultlink/.gitignore").find("\n*\n") != std::string::npos);

  // One the user wrote is theirs: left as it is.
  std::ofstream(folder / ".gitignore") << "index.cache\n";
  REQUIRE(ensure_state_folder(folder) == "");
  CHECK(sandbox.read(".vaultlink/.gitignore") == "index.cache\n");
}
