#pragma once
// Change lists as one line of text ("created a.md; renamed b.md <- a.md"), so
// a failed comparison shows both sides readably.
#include <string>
#include <vector>

#include "vaultlink/watcher.hpp"

namespace vaultlink::test {

inline std::string text(const std::vector<FileChange>& changes) {
  std::string result;
  for (const FileChange& change : changes) {
    if (!result.empty()) result += "; ";
    result += std::string(to_string(change.kind)) + " " + change.path;
    if (change.kind == FileChange::Kind::renamed) result += " <- " + change.old_path;
  }
  return result;
}

}  // namespace vaultlink::test
