#pragma once
// The reverse link graph: for every file, which notes link to it and how.
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaultlink/index.hpp"
#include "vaultlink/note_set.hpp"
#include "vaultlink/resolve.hpp"

namespace vaultlink {

class LinkGraph {
 public:
  // Resolves every link of every note of the index.
  void rebuild(const VaultIndex& index);
  // Re-resolves the links of one note (after it was added, changed or removed).
  void update_note(const VaultIndex& index, std::string_view note_path);
  void remove_note(std::string_view note_path);

  // Resolutions of a note's links, parallel to Note::links.
  const std::vector<Resolution>* resolutions(std::string_view note_path) const;
  // The note paths of the two queries below are views of the graph's own
  // copy of each note's path (one per note, however many links it has): valid
  // until that note is updated or removed, so copy them before changing the graph.
  using NoteSet = vaultlink::NoteSet;
  // Notes that link to `path` (self-links included), ordered by path.
  const NoteSet& sources_of(std::string_view path) const;
  // Notes whose links name `folded_name` (resolved or not): the notes to
  // re-resolve when a file of that name appears or disappears.
  const NoteSet& dependents_of_name(std::string_view folded_name) const;

 private:
  void forget(std::string_view note_path);
  void record(const std::string& path, std::vector<Resolution> resolutions, std::vector<std::string> names);
  // Hash maps with string_view lookup: loading a vault records every link once.
  struct PathHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  template <typename Value>
  using ByPath = std::unordered_map<std::string, Value, PathHash, std::equal_to<>>;

  // The keys of resolutions_ are the note paths the NoteSets view: nodes of
  // an unordered_map keep their address until erased.
  ByPath<std::vector<Resolution>> resolutions_;
  ByPath<NoteSet> sources_;
  ByPath<NoteSet> name_dependents_;
  ByPath<std::vector<std::string>> names_of_note_;
};

// The folded last-segment name a link target is looked up by (without .md).
std::string link_name_key(std::string_view target);

}  // namespace vaultlink
