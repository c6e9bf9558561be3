#pragma once
// Generated backlinks sections: for every note other notes link to, a section
// at the end of the note, between kBacklinksStartMarker and
// kBacklinksEndMarker (note.hpp), listing where it is linked from.
//
// Three layers, each usable alone:
//  - splice (pure text): find the section, put a rendered section in its
//    place; every byte outside the markers is kept as it was.
//  - render: from the index and the link graph, the entries of one target.
//  - update: read, splice, write atomically, retry on concurrent edits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/note.hpp"

namespace vaultlink {

class VaultIndex;
class LinkGraph;
class Vault;

// ---- splice ---------------------------------------------------------------

// Where the generated section is in a note's text. Markers count only alone on
// their line (white space around them allowed), indented by at most three
// spaces (more is an indented code block), outside fenced code blocks and the
// frontmatter.
struct SectionScan {
  std::optional<ByteRange> section;  // start marker's line through the end marker's line ending
  std::optional<ParseProblem> problem;  // code::backlinks_markers: the note must be left alone
  bool ends_in_code = false;  // an unclosed code fence runs to the end: nothing appended would count
};
SectionScan find_backlinks_section(std::string_view text);
// `text` without the section `scan` found in it (all of it when there is none).
std::string text_outside_section(std::string_view text, const SectionScan& scan);

// The same, as the parser saw it: `note` must be parse_note(..., text). The
// parser decides what is a link, so it also decides where the section is;
// otherwise a marker it sees and this scan does not (or the reverse) would
// let a section's links count, or a section be appended twice.
SectionScan section_scan_of(const Note& note, std::string_view text);

// "\r\n" when most line breaks of `text` are CRLF, else "\n".
std::string_view dominant_line_ending(std::string_view text);

struct SpliceResult {
  std::string text;                     // the note's new text (the input when nothing changes)
  std::optional<ParseProblem> problem;  // malformed markers: text is the input, unchanged
};

// Puts a section with `body_lines` (heading and entries, no line endings)
// into `text`, replacing the existing one; empty `body_lines` removes the
// section (a note without one is returned as it is).
//
// A section is appended after exactly one blank line. The appended bytes are
// chosen so that removal gives back the original text byte for byte: a note
// without a final newline gets a section without one, and removal takes away
// the separator it added. Lines use the note's dominant line ending.
SpliceResult splice_backlinks(std::string_view text, const std::vector<std::string>& body_lines);
// The same with the section already located (find_backlinks_section or section_scan_of).
SpliceResult splice_backlinks(std::string_view text, const std::vector<std::string>& body_lines,
                              const SectionScan& scan);

// splice_backlinks, then a check that the parser will find the new section
// where it was put. The line scan cannot see every block that swallows the
// lines after it (an HTML comment left open at the end of a note, which the
// start marker's "-->" then closes; a setting's heading that opens a fence):
// such a section would be invisible to the next run, or make the markers
// "malformed" forever. Then the input comes back unchanged with a
// backlinks-markers problem. The parse runs only when text outside the section
// or the body has a construct that could do this, so the usual write costs no
// second parse.
SpliceResult splice_backlinks_verified(std::string_view text, const std::vector<std::string>& body_lines,
                                       const SectionScan& scan);

// ---- render ---------------------------------------------------------------

// One link from a source note to the target.
struct BacklinkMention {
  std::uint32_t offset = 0;  // where the link is in the source, for ordering
  std::string heading;       // the source section's heading, made linkable; empty above any heading
  std::string timestamp;     // "HH:MM:SS" of the nearest anchor in the link's block; empty when none
  long seconds = 0;          // the timestamp in seconds
  // Equal when they render the same: the offset only orders a group's
  // mentions, so text typed above a link does not make its entry differ.
  friend bool operator==(const BacklinkMention& a, const BacklinkMention& b) {
    return a.heading == b.heading && a.timestamp == b.timestamp && a.seconds == b.seconds;
  }
};

// Every link from one source note, in source order.
struct BacklinkGroup {
  std::string source_path;
  std::string link_target;  // shortest wikilink target that resolves to the source
  std::string video_id;     // the source's videoId, when it has a valid one
  std::vector<BacklinkMention> mentions;
  friend bool operator==(const BacklinkGroup&, const BacklinkGroup&) = default;
};

// What `source` contributes to the section of `target_path`: its group, or
// nothing when it does not link there (or is the target itself). A target's
// section is a function of these groups, so a saved note whose group for a
// target did not change leaves that target's section as it was.
std::optional<BacklinkGroup> backlink_group(const VaultIndex& index, const LinkGraph& graph, std::string_view source,
                                            std::string_view target_path);

// The notes linking to `target_path` (links and embeds, resolved; self-links
// excluded; links inside generated sections are not in Note::links, so they
// never count), ordered by source path then position.
std::vector<BacklinkGroup> collect_backlinks(const VaultIndex& index, const LinkGraph& graph,
                                             std::string_view target_path);

// The section's lines (without markers and line endings): the heading, then
// one bullet per source with a sub-bullet per distinct context.
std::vector<std::string> render_backlinks(const std::vector<BacklinkGroup>& groups, std::string_view heading);

// A heading's text as a link can carry it: the characters Obsidian cannot
// link through (# | ^ : %% [ ]) become spaces and runs of spaces collapse.
std::string linkable_heading(std::string_view heading);

// ---- update ---------------------------------------------------------------

struct BacklinksOptions {
  bool check_only = false;  // compute and report, write nothing
  int max_attempts = 5;     // reads-and-writes per note when it keeps changing underneath
};

struct BacklinksOutcome {
  enum class Status {
    unchanged,  // the section is current (or the note has none and needs none)
    updated,    // written (or, with check_only, would be written: stale)
    error,      // could not be read or written; message says why
    malformed,  // the markers cannot be trusted; the note was left alone
  };
  std::string path;  // vault-relative
  Status status = Status::unchanged;
  std::string message;
  std::uint32_t line = 0;  // for malformed: the line of the offending marker
};

std::string_view to_string(BacklinksOutcome::Status status);

// Brings the sections of `only_paths` (vault-relative notes), or of every
// note when empty, up to date with the vault's index. Returns one outcome per
// note considered, ordered by path; a failure on one note never stops the others.
std::vector<BacklinksOutcome> update_backlinks(const Vault& vault, const std::vector<std::string>& only_paths = {},
                                               const BacklinksOptions& options = {});

}  // namespace vaultlink
