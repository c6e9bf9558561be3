// Whether a killed write's leftover temp file may go. Its name and age say it
// is a leftover (remove_stale_write_temp); its content says whether it is the
// last copy of some of the user's words. A kill after the swap leaves the old
// inode under the temp name, and an append that reached it in the last
// instant exists nowhere else. So the leftover goes only when its text
// outside the generated section is a prefix of the note's (a kill before the
// swap, or after the appends were carried over); otherwise it stays, a dot
// file the scan skips as a note but reports on its note (interrupted-write),
// so the user learns there is something to merge by hand.
#include <string>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/fs.hpp"
#include "write_leftover.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

namespace {

// Leftovers of notes larger than this are kept rather than read.
constexpr std::uint64_t kMaxComparedBytes = 64ull << 20;

std::string outside_section(std::string_view text) { return text_outside_section(text, find_backlinks_section(text)); }

// The note a temp file of atomic_write was written for: NAME beside ".NAME.<hex>.vaultlink-tmp".
fs::path note_of_temp(const fs::path& temp) {
  return temp.parent_path() / *note_name_of_write_temp(temp.filename().native());
}

}  // namespace

WriteLeftover settle_write_leftover(const fs::path& temp, std::chrono::system_clock::time_point now) {
  if (!is_stale_write_temp(temp, now)) return WriteLeftover::not_stale;
  const ReadResult leftover = read_file(temp, kMaxComparedBytes);
  if (!leftover.error.empty()) return WriteLeftover::unreadable;
  const fs::path note_path = note_of_temp(temp);
  std::error_code error;
  if (fs::symlink_status(note_path, error).type() == fs::file_type::not_found) return WriteLeftover::holds_words;
  const ReadResult note = read_file(note_path, kMaxComparedBytes);
  if (!note.error.empty()) return WriteLeftover::unreadable;
  if (!outside_section(note.bytes).starts_with(outside_section(leftover.bytes))) return WriteLeftover::holds_words;
  return remove_stale_write_temp(temp, now) ? WriteLeftover::removed : WriteLeftover::not_stale;
}

std::optional<Diagnostic> settle_write_leftover_reporting(const fs::path& temp, const fs::path& root,
                                                          std::chrono::system_clock::time_point now) {
  if (settle_write_leftover(temp, now) != WriteLeftover::holds_words) return std::nullopt;
  Diagnostic problem;
  problem.path = note_of_temp(temp).lexically_relative(root).generic_string();
  problem.code = std::string(code::interrupted_write);
  problem.message = "a write of this note was interrupted and left " + temp.filename().string() +
                    " beside it, with text the note does not have: copy what is missing into the note, then "
                    "delete that file";
  return problem;
}

}  // namespace vaultlink
