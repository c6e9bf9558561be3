#pragma once
// The parsed model of one note: everything the validators, the backlinks
// writer and the hosts need, without keeping the note's text in memory.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vaultlink {

// Byte offsets into the note's bytes as read from disk: [begin, end).
struct ByteRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool contains(std::uint32_t offset) const { return offset >= begin && offset < end; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

enum class LinkSyntax {
  wiki,         // [[target#subpath|display]] or ![[...]]
  markdown,     // [text](target#subpath) or ![alt](target)
  frontmatter,  // a [[wikilink]] written as a YAML value
};

struct Link {
  LinkSyntax syntax = LinkSyntax::wiki;
  bool embed = false;
  std::string target;    // trimmed; Markdown targets are percent-decoded; empty means this note
  std::string subpath;   // after the first '#', trimmed; "^id" names a block, "A#B" chains headings
  bool has_subpath = false;
  std::string display;   // after the first '|' (wikilinks) or the bracket text (Markdown)
  bool has_display = false;
  ByteRange range;       // the whole link as written, including "!" and brackets
  ByteRange block;       // the leaf block (paragraph, list item text, table, heading) it sits in
  std::string malformed; // empty when well-formed, else why it is not a usable link
  friend bool operator==(const Link&, const Link&) = default;
};

struct Heading {
  int level = 1;         // 1..6
  std::string text;      // as written, without the #'s or setext underline, trimmed
  std::uint32_t line = 1;
  ByteRange range;       // the heading's line(s)
  friend bool operator==(const Heading&, const Heading&) = default;
};

struct BlockId {
  std::string id;        // without the '^'
  ByteRange range;       // the "^id" marker
  friend bool operator==(const BlockId&, const BlockId&) = default;
};

struct TimestampAnchor {
  std::string data_t;    // the data-t attribute as written
  std::string label;     // the text between '[' and ']' inside the anchor
  bool has_label = false;
  ByteRange range;       // the whole <a ...>...</a>
  friend bool operator==(const TimestampAnchor&, const TimestampAnchor&) = default;
};

struct Frontmatter {
  bool present = false;
  ByteRange range;                  // from the opening to the closing '---' line, inclusive
  std::string error;                // YAML error message; empty when valid
  std::uint32_t error_line = 0;     // 1-based line of the YAML error in the note
  std::vector<std::string> aliases;
  std::optional<std::string> video_id;
  std::optional<std::string> duration;  // as written: seconds or HH:MM:SS
  ByteRange video_id_range;             // where videoId is written (for diagnostics)
  friend bool operator==(const Frontmatter&, const Frontmatter&) = default;
};

// A problem found while reading or parsing, reported by the validators.
struct ParseProblem {
  std::string code;     // a diagnostic code (unreadable-file, frontmatter-invalid, backlinks-markers)
  std::string message;
  ByteRange range;
  friend bool operator==(const ParseProblem&, const ParseProblem&) = default;
};

// The generated backlinks section, located by its markers outside code.
struct GeneratedSection {
  ByteRange range;  // from the start marker's line to the end of the end marker's line
  friend bool operator==(const GeneratedSection&, const GeneratedSection&) = default;
};

inline constexpr std::string_view kBacklinksStartMarker = "<!-- vaultlink:backlinks -->";
inline constexpr std::string_view kBacklinksEndMarker = "<!-- /vaultlink:backlinks -->";

struct Note {
  std::string path;                   // vault-relative, '/'-separated, as on disk
  std::uint64_t size = 0;             // bytes
  std::vector<std::uint32_t> line_starts;  // offset of the first byte of each line
  Frontmatter frontmatter;
  std::vector<Heading> headings;      // in document order
  std::vector<BlockId> block_ids;     // in document order
  std::vector<Link> links;            // in document order, outside code and generated sections
  std::vector<TimestampAnchor> timestamps;
  std::vector<ByteRange> code;        // code blocks, code spans and math: where links are not links
  std::optional<GeneratedSection> generated;
  std::vector<ParseProblem> problems;

  struct Position {
    std::uint32_t line;    // 1-based
    std::uint32_t column;  // 1-based, in bytes
  };
  Position position_of(std::uint32_t offset) const;

  // Index into `headings` of the heading whose section holds `offset`, if any.
  std::optional<std::size_t> section_heading(std::uint32_t offset) const;
  // Offset where the section of headings[index] ends (the next heading of the
  // same or a higher level, or the end of the note).
  std::uint32_t section_end(std::size_t heading_index) const;

  // Every field compared (the index cache's round trip must reproduce all of them).
  friend bool operator==(const Note&, const Note&) = default;
};

}  // namespace vaultlink
