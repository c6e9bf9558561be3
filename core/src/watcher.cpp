// The platform-neutral parts of watching: names, the ignore rules, options.
#include "vaultlink/watcher.hpp"

#include "vaultlink/settings.hpp"

namespace vaultlink {

std::string_view to_string(FileChange::Kind kind) {
  switch (kind) {
    case FileChange::Kind::created: return "created";
    case FileChange::Kind::modified: return "modified";
    case FileChange::Kind::removed: return "removed";
    case FileChange::Kind::renamed: return "renamed";
  }
  return "unknown";
}

bool watcher_ignores_name(std::string_view name) {
  if (name.empty() || name.front() == '.') return true;  // dot files and folders, our .*.vaultlink-tmp
  if (name.back() == '~') return true;                   // backups (Vim, Emacs, Kate)
  if (name == "4913") return true;                       // Vim's probe for a writable folder
  if (name.size() >= 2 && name.front() == '#' && name.back() == '#') return true;  // Emacs auto-save
  // Vim swap files: .swp, then .swo, .swn ... down to .swa, and .swx (the
  // dot-prefixed ones are already caught above; these cover 'directory' set
  // to another folder, where Vim may drop the leading dot).
  if (name.size() > 4) {
    std::string_view tail = name.substr(name.size() - 4);
    if (tail.substr(0, 3) == ".sw" && ((tail[3] >= 'a' && tail[3] <= 'p') || tail[3] == 'x')) return true;
  }
  return false;
}

WatcherOptions watcher_options(const Settings& settings) {
  WatcherOptions options;
  options.debounce = std::chrono::milliseconds(settings.debounce_ms > 0 ? settings.debounce_ms : 0);
  options.excluded_folders = settings.excluded_folders;
  return options;
}

}  // namespace vaultlink
