#include "cli_support.hpp"

#include <string_view>

namespace fs = std::filesystem;

namespace vaultlink::cli {
namespace {

// A name the vault would read as a note (".md" in any case), as the engine decides.
bool looks_like_note(std::string_view path) {
  if (path.size() < 3) return false;
  const std::string_view ext = path.substr(path.size() - 3);
  return ext[0] == '.' && (ext[1] == 'm' || ext[1] == 'M') && (ext[2] == 'd' || ext[2] == 'D');
}

}  // namespace

VaultAndPaths split_vault_argument(const std::vector<std::string>& positional) {
  VaultAndPaths result{fs::current_path(), positional};
  std::error_code error;
  if (positional.empty()) return result;
  const fs::path first = positional.front();
  if (fs::is_directory(first, error)) {
    result.vault = first;
    result.rest.erase(result.rest.begin());
  } else if (!fs::exists(first, error) && !looks_like_note(first.string())) {
    // Not a folder and not a note name: most likely a mistyped vault.
    throw UsageError("no such vault folder: " + first.string());
  }
  return result;
}

std::vector<std::string> vault_relative_notes(const fs::path& vault_root, const std::vector<std::string>& notes) {
  std::vector<std::string> out;
  const fs::path root = fs::weakly_canonical(vault_root);
  for (const auto& note : notes) {
    std::error_code error;
    fs::path candidate = fs::exists(note, error) ? fs::weakly_canonical(note) : root / note;
    fs::path relative = candidate.lexically_normal().lexically_relative(root);
    if (relative.empty() || relative.begin()->string() == "..")
      throw UsageError("note '" + note + "' is not inside the vault " + root.string());
    out.push_back(relative.generic_string());
  }
  return out;
}

CommandVault open_command_vault(const std::vector<std::string>& positional, bool use_cache) {
  auto [vault_path, note_args] = split_vault_argument(positional);
  std::vector<std::string> notes = vault_relative_notes(vault_path, note_args);
  return {LibraryVault(vault_path, OpenOptions{use_cache, /*show_progress=*/true}), std::move(notes)};
}

}  // namespace vaultlink::cli
