#include "cli_support.hpp"

#include <unistd.h>

#include <cstdio>

#include "vaultlink/index.hpp"

namespace fs = std::filesystem;

namespace vaultlink::cli {

VaultAndPaths split_vault_argument(const std::vector<std::string>& positional) {
  VaultAndPaths result{fs::current_path(), positional};
  std::error_code error;
  if (positional.empty()) return result;
  const fs::path first = positional.front();
  if (fs::is_directory(first, error)) {
    result.vault = first;
    result.rest.erase(result.rest.begin());
  } else if (!fs::exists(first, error) && !is_note_path(first.string())) {
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
  Vault vault = Vault::load(vault_path, Settings::load(vault_path), LoadOptions{terminal_progress("reading notes"), use_cache});
  finish_progress();
  std::vector<std::string> notes = vault_relative_notes(vault.root(), note_args);
  for (const auto& note : notes) {
    const VaultFile* file = vault.index().find(note);
    if (!file || !file->is_note) throw UsageError("no note " + note + " in the vault");
  }
  return {std::move(vault), std::move(notes)};
}

ProgressFn terminal_progress(std::string label) {
  if (!isatty(STDERR_FILENO)) return {};
  return [label = std::move(label)](std::size_t done, std::size_t total) {
    std::fprintf(stderr, "\r%s %zu/%zu", label.c_str(), done, total);
    std::fflush(stderr);
  };
}

void finish_progress() {
  if (isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
}

}  // namespace vaultlink::cli
