// Whether a killed write's leftover temp file may go. Its name and age say it
// is a leftover (remove_stale_write_temp); its content says whether it is the
// last copy of some of the user's words. A kill after the swap leaves the old
// inode under the temp name, and an append that reached it in the last
// instant exists nowhere else. So the leftover goes only when its text
// outside the generated section is a prefix of the note's (a kill before the
// swap, or after the appends were carried over); otherwise it stays, a dot
// file the scan skips, for the user to look at.
#include <string>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/fs.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

namespace {

// Leftovers of notes larger than this are kept rather than read.
constexpr std::uint64_t kMaxComparedBytes = 64ull << 20;

std::string outside_section(std::string_view text) { return text_outside_section(text, find_backlinks_section(text)); }

}  // namespace

bool remove_write_leftover(const fs::path& temp, std::chrono::system_clock::time_point now) {
  if (!is_stale_write_temp(temp, now)) return false;
  const ReadResult leftover = read_file(temp, kMaxComparedBytes);
  const ReadResult note = read_file(temp.parent_path() / *note_name_of_write_temp(temp.filename().native()),
                                    kMaxComparedBytes);
  if (!leftover.error.empty() || !note.error.empty()) return false;
  if (!outside_section(note.bytes).starts_with(outside_section(leftover.bytes))) return false;
  return remove_stale_write_temp(temp, now);
}

}  // namespace vaultlink
