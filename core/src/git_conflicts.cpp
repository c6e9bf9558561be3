// The conflict note: what sync leaves for the user when both sides changed the
// same lines. The human part lists the files as wikilinks; a comment at the end
// carries the exact paths and the merged-in commit, which is how commit_vault
// recognises "our" merge and knows which files to check for markers.
#include <fstream>

#include "git_repo.hpp"

namespace fs = std::filesystem;

namespace vaultlink::gitx {

namespace {

constexpr std::string_view kDataStart = "<!-- vaultlink-conflicts";
constexpr std::string_view kDataEnd = "-->";

// [[Folder/Note]] for Markdown notes, [[file.pdf]] for attachments.
std::string wikilink(std::string_view path) {
  std::string_view target = path;
  if (target.ends_with(".md")) target.remove_suffix(3);
  return "[[" + std::string(target) + "]]";
}

bool is_marker_line(std::string_view line) {
  if (line.size() < 7) return false;
  std::string_view head = line.substr(0, 7);
  if (head != "<<<<<<<" && head != ">>>>>>>") return false;
  return line.size() == 7 || line[7] == ' ' || line[7] == '\r' || line[7] == '\t';
}

}  // namespace

fs::path conflict_note_path(const VaultRepo& repo) { return repo.vault / std::string(kConflictNoteName); }

bool has_conflict_markers(std::string_view bytes) {
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    if (is_marker_line(bytes.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

void write_conflict_note(const fs::path& note, const ConflictNote& content) {
  std::string text =
      "# Sync conflicts\n\n"
      "vaultlink sync could not merge these files: both this machine and the remote changed the same "
      "lines. Each file keeps both versions between `<<<<<<<` and `>>>>>>>` markers. Keep what you want, "
      "delete the markers, and the next commit finishes the merge. Until then nothing is committed "
      "automatically.\n\n";
  for (const auto& file : content.files) text += "- " + wikilink(file) + "\n";
  text += "\n" + std::string(kDataStart) + "\nmerge-head: " + content.merge_head + "\n";
  for (const auto& file : content.files) text += "file: " + file + "\n";
  text += std::string(kDataEnd) + "\n";

  // The note is ours alone and rewritten whole; a temp file + rename keeps a
  // reader from ever seeing half of it.
  fs::path temp = note;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw GitError("cannot write the conflict note " + note.string());
  }
  std::error_code error;
  fs::rename(temp, note, error);
  if (error) throw GitError("cannot write the conflict note " + note.string() + ": " + error.message());
}

std::optional<ConflictNote> read_conflict_note(const fs::path& note) {
  auto text = read_whole_file(note);
  if (!text) return std::nullopt;
  ConflictNote result;
  std::size_t data = text->rfind(kDataStart);
  if (data == std::string::npos) return result;  // edited by hand: no files known
  std::string_view rest = std::string_view(*text).substr(data + kDataStart.size());
  std::size_t start = 0;
  while (start < rest.size()) {
    std::size_t end = rest.find('\n', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view line = rest.substr(start, end - start);
    if (line.starts_with(kDataEnd)) break;
    if (line.starts_with("merge-head: ")) result.merge_head = line.substr(12);
    else if (line.starts_with("file: ")) result.files.emplace_back(line.substr(6));
    start = end + 1;
  }
  return result;
}

std::vector<std::string> unresolved_conflicts(const VaultRepo& repo, const ConflictNote& note) {
  std::vector<std::string> unresolved;
  for (const auto& file : note.files) {
    // Only paths inside the vault: the note is user-editable text.
    fs::path full = (repo.vault / file).lexically_normal();
    if (!full.string().starts_with(repo.vault.string())) continue;
    auto bytes = read_whole_file(full);
    if (bytes && has_conflict_markers(*bytes)) unresolved.push_back(file);
  }
  return unresolved;
}

}  // namespace vaultlink::gitx
