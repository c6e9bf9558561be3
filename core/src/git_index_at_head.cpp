// Remembering that our last full commit left the index equal to HEAD, so the
// next commit can skip comparing the two (git_diff_tree_to_index walks every
// tree of HEAD and every index entry: ~10 ms of a one-note commit in a
// 10,000-note vault).
//
// The record is a statement about content only: "the index whose checksum is
// C has no difference from commit H under the folder P". Both C and H name
// their content exactly (SHA-1), so the statement stays true forever and
// needs no invalidation: a `git add`, `git rm --cached`, `git reset` or any
// other change to the index gives it another checksum; a commit, reset or
// checkout moves HEAD; either way the record no longer matches and the
// commit compares index and HEAD as before. It is written without fsync: a
// lost or torn record matches nothing, which only costs that comparison.
// It lives in the vault's state folder (beside the index cache, ignored by
// git): the repository's .git may lie outside the vault, and vaultlink writes
// nothing of its own outside the vault.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "git_repo.hpp"
#include "vaultlink/note_cache.hpp"

namespace fs = std::filesystem;

namespace vaultlink::gitx {

namespace {

fs::path state_folder(const VaultRepo& repo) { return repo.vault / kStateFolder; }
fs::path record_path(const VaultRepo& repo) { return state_folder(repo) / "index-at-head"; }

// The whole record; compared byte for byte, so nothing is ever parsed.
std::optional<std::string> record_text(const VaultRepo& repo, const git_oid* checksum, const git_oid& head) {
  if (!checksum || git_oid_is_zero(checksum)) return std::nullopt;  // an index never read from or written to disk
  return "vaultlink index-at-head 1\nindex " + oid_hex(checksum) + "\nhead " + oid_hex(&head) + "\nfolder " +
         repo.prefix + "\nend\n";
}

}  // namespace

bool index_at_recorded_head(const VaultRepo& repo, const git_oid* index_checksum, const git_oid& head) {
  const auto expected = record_text(repo, index_checksum, head);
  if (!expected) return false;
  const auto recorded = read_whole_file(record_path(repo));
  return recorded && *recorded == *expected;
}

void record_index_at_head(const VaultRepo& repo, const git_oid* index_checksum, const git_oid& head) {
  const auto text = record_text(repo, index_checksum, head);
  if (!text) return;
  // A temp file renamed over the record: a concurrent commit's record is
  // replaced whole, never interleaved with this one.
  if (!ensure_state_folder(state_folder(repo)).empty()) return;  // e.g. a read-only vault: the next commit compares
  const fs::path file = record_path(repo);
  const fs::path temp = file.string() + "." + std::to_string(::getpid()) + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;  // the next commit compares, as without a record
  const bool written = ::write(fd, text->data(), text->size()) == static_cast<ssize_t>(text->size());
  ::close(fd);
  if (!written || std::rename(temp.c_str(), file.c_str()) != 0) ::unlink(temp.c_str());
}

}  // namespace vaultlink::gitx
