#include "cli_support.hpp"

#include <unistd.h>

#include <cstdio>

namespace fs = std::filesystem;

namespace vaultlink::cli {

VaultAndPaths split_vault_argument(const std::vector<std::string>& positional) {
  VaultAndPaths result{fs::current_path(), positional};
  std::error_code error;
  if (!positional.empty() && fs::is_directory(positional.front(), error)) {
    result.vault = positional.front();
    result.rest.erase(result.rest.begin());
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
