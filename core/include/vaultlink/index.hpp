#pragma once
// The vault index: every file by path and by folded name, the parsed notes,
// and the reverse link graph. It is built once at load and then updated one
// file at a time, so a save costs work proportional to the change.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaultlink/fs.hpp"
#include "vaultlink/note.hpp"

namespace vaultlink {

struct VaultFile {
  std::string path;         // vault-relative, '/'-separated, as on disk
  std::string folded_path;  // fold_name(path), set by VaultIndex: resolution compares by it
  bool is_note = false;     // a .md file (extension compared ignoring case)
  FileStamp stamp;
  // A hash of the bytes the note was parsed from (0: unknown). Size and mtime
  // alone cannot tell two writes within one tick of the file system's clock
  // apart, so a matching stamp is confirmed by the content before a note is
  // taken as unchanged.
  std::uint64_t content_hash = 0;
  std::string read_error;   // why the file could not be read, if it could not
  std::shared_ptr<const Note> note;  // parsed note, for notes that could be read
};

class VaultIndex {
 public:
  VaultIndex() = default;
  // A copy's path table must point at its own files; a move keeps the nodes.
  VaultIndex(const VaultIndex& other);
  VaultIndex& operator=(const VaultIndex& other);
  VaultIndex(VaultIndex&&) noexcept = default;
  VaultIndex& operator=(VaultIndex&&) noexcept = default;

  // Adds or replaces a file (and its parsed note, for notes).
  void upsert(VaultFile file);
  // Removes a file; returns false when it was not indexed.
  bool remove(std::string_view path);

  const VaultFile* find(std::string_view path) const;       // exact path
  // Path compared as Obsidian does (case and NFC folded); an exact match wins.
  const VaultFile* find_folded(std::string_view path) const;
  const Note* note(std::string_view path) const;

  // Files whose name (last path segment) folds to `folded_name`; notes are
  // also listed under their name without ".md".
  const std::vector<std::string>& files_named(std::string_view folded_name) const;

  // Files whose name (notes: without ".md") has this loose_name_key.
  const std::vector<std::string>& files_loosely_named(std::string_view loose_key) const;

  // Notes declaring `folded_alias` in their frontmatter aliases.
  const std::vector<std::string>& notes_with_alias(std::string_view folded_alias) const;

  // Every indexed file, ordered by path.
  const std::map<std::string, VaultFile, std::less<>>& files() const { return files_; }
  std::vector<std::string> note_paths() const;

 private:
  void add_keys(const VaultFile& file);
  void remove_keys(const VaultFile& file);

  // Resolution looks every link's name up here, so lookups by string_view
  // allocate nothing (transparent hashing).
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  using PathsByKey = std::unordered_map<std::string, std::vector<std::string>, KeyHash, std::equal_to<>>;

  std::map<std::string, VaultFile, std::less<>> files_;
  // files_ by path in constant time: its keys, which keep their address
  // while their node lives.
  std::unordered_map<std::string_view, const VaultFile*> by_path_;
  PathsByKey by_folded_path_;
  PathsByKey by_loose_name_;
  PathsByKey by_folded_name_;
  PathsByKey by_folded_alias_;
};

// Folder of a vault-relative path ("" for the root).
std::string_view parent_folder(std::string_view path);
// Last segment of a vault-relative path.
std::string_view file_name(std::string_view path);
// True when the path names a note (ends in .md, ignoring case).
bool is_note_path(std::string_view path);

}  // namespace vaultlink
