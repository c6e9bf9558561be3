// Which files make up the vault (OBSIDIAN-LINKS.md rule 16).
#include "vaultlink/fs.hpp"
#include "vaultlink/vault.hpp"
#include "vaultlink/vault_membership.hpp"
#include "write_leftover.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

Diagnostic scan_problem(std::string path, std::string message) {
  Diagnostic diagnostic;
  diagnostic.path = std::move(path);
  diagnostic.code = std::string(code::unreadable_file);
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace

std::vector<std::string> scan_vault_files(const fs::path& root, const Settings& settings,
                                          std::vector<Diagnostic>& problems) {
  return scan_vault_folder(root, VaultMembership(root, settings), "", problems);
}

std::vector<std::string> scan_vault_folder(const fs::path& root, const VaultMembership& membership,
                                           const std::string& folder, std::vector<Diagnostic>& problems) {
  std::vector<std::string> files;
  std::error_code error;
  const fs::path start = folder.empty() ? root : root / folder;
  // Directory symlinks are not followed: a link to a parent folder would loop
  // and a link to elsewhere would read outside the vault.
  fs::recursive_directory_iterator it(start, fs::directory_options::skip_permission_denied, error);
  if (error) throw std::runtime_error("cannot read vault folder " + start.string() + ": " + error.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      problems.push_back(scan_problem(fs::relative(it->path(), root, error).generic_string(),
                                      "cannot read folder: " + error.message()));
      error.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    const std::string name = entry.path().filename().string();
    const std::string path = entry.path().lexically_relative(root).generic_string();
    if (name.starts_with(".")) {  // .git, .obsidian, .trash, dot files, our own temp files
      if (entry.is_directory(error)) {
        it.disable_recursion_pending();
      } else if (is_atomic_write_temp(name)) {
        // A killed write's leftover is settled here, where every folder is listed anyway.
        if (auto problem = settle_write_leftover_reporting(entry.path(), root)) problems.push_back(std::move(*problem));
      }
      continue;
    }
    const bool is_symlink = entry.is_symlink(error);
    if (is_symlink) {
      std::error_code target_error;
      fs::file_status target = fs::status(entry.path(), target_error);
      if (target_error) {
        problems.push_back(scan_problem(path, "symbolic link cannot be followed: " + target_error.message()));
        continue;
      }
      if (fs::is_directory(target)) continue;  // see above: folders behind links are not part of the vault
      if (!is_inside(root, entry.path())) {
        problems.push_back(scan_problem(path, "symbolic link points outside the vault; not read"));
        continue;
      }
      if (!fs::is_regular_file(target)) continue;
    } else if (entry.is_directory(error)) {
      if (membership.filters_exclude(path, true)) it.disable_recursion_pending();
      continue;
    } else if (!entry.is_regular_file(error)) {
      continue;  // sockets, fifos, devices
    }
    if (membership.filters_exclude(path, false)) continue;
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace vaultlink
