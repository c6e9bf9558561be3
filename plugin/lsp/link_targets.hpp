#pragma once
// What links point at, shared by definition, hover, references and rename:
// the link under the cursor, the note, heading or block it resolves to
// (resolved exactly as the engine validates it), and every link in the vault
// that points at a given target.
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cursor.hpp"
#include "vaultlink/note.hpp"
#include "workspace.hpp"

namespace vaultlink::lsp {

// Notes read once per request: resolving many links reads the same targets.
class TextCache {
 public:
  explicit TextCache(const Workspace& workspace) : workspace_(workspace) {}
  std::shared_ptr<const NoteText> get(std::string_view path);

 private:
  const Workspace& workspace_;
  std::map<std::string, std::shared_ptr<const NoteText>, std::less<>> texts_;
};

struct Target {
  std::string path;                     // the file the link opens
  std::shared_ptr<const NoteText> text;  // its text, for notes (nullptr for attachments)
  std::optional<std::size_t> heading;   // index into text->note.headings
  std::optional<std::size_t> block;     // index into text->note.block_ids
  bool same_as(const Target& other) const {
    return path == other.path && heading == other.heading && block == other.block;
  }
};

// The well-formed link whose text holds the byte offset (its end included,
// where the cursor sits after typing it).
const Link* link_at(const Note& note, std::size_t offset);

// Where a link of the note at `source_path` leads; nullopt when it is broken
// (no such file, heading or block).
std::optional<Target> resolve_target(const Workspace& workspace, TextCache& texts, std::string_view source_path,
                                     const Link& link);

// The link under the cursor of a TextDocumentPositionParams and where it
// leads; nullopt when there is no link there or it is broken.
struct LinkUnderCursor {
  Cursor cursor;
  const Link* link;  // into cursor.text->note.links
  Target target;
};
std::optional<LinkUnderCursor> link_under_cursor(const Workspace& workspace, const nlohmann::json& params);

// What the cursor designates for references and rename: the target of the
// link under it, else the heading on its line, else the note itself.
std::optional<Target> subject_at(const Workspace& workspace, TextCache& texts, const NoteText& note,
                                 std::size_t offset);

struct LinkOccurrence {
  std::shared_ptr<const NoteText> source;
  const Link* link;  // into source->note.links
};

// Every link (in open buffers and notes on disk) that leads to `target`; a
// target without heading or block matches every link to its note.
std::vector<LinkOccurrence> links_to(const Workspace& workspace, TextCache& texts, const Target& target);

}  // namespace vaultlink::lsp
