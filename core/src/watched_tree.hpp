#pragma once
// The watcher's record of the vault as it last saw it: every watched folder
// with its watch descriptor, and every known file. Kernel events name only a
// folder's descriptor and an entry name, and a removed or moved folder gets no
// event per file, so this record is what turns them into file paths.
// Paths are vault-relative and '/'-separated; the root folder is "".
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vaultlink {

std::string join_relative(const std::string& folder, std::string_view name);

class WatchedTree {
 public:
  void add_folder(const std::string& folder, int descriptor);
  // The folder a descriptor watches; nullptr when it is not (or no longer) ours.
  const std::string* folder_of(int descriptor) const;
  bool has_folder(const std::string& folder) const { return folders_.contains(folder); }
  // The kernel dropped the watch (IN_IGNORED).
  void forget_descriptor(int descriptor);

  bool has_file(const std::string& file) const { return files_.contains(file); }
  bool add_file(const std::string& file) { return files_.insert(file).second; }
  bool remove_file(const std::string& file) { return files_.erase(file) > 0; }

  struct Removed {
    std::vector<int> descriptors;
    std::vector<std::string> files;
  };
  // Forgets `folder` and everything below it.
  Removed remove_subtree(const std::string& folder);
  // Moves `from` and everything below it to `to`; returns the files' (old, new) paths.
  std::vector<std::pair<std::string, std::string>> move_subtree(const std::string& from, const std::string& to);

  std::vector<int> descriptors() const;
  const std::set<std::string>& files() const { return files_; }
  void clear();

 private:
  std::map<std::string, int> folders_;  // ordered, so a subtree is a key range
  std::unordered_map<int, std::string> by_descriptor_;
  std::set<std::string> files_;
};

}  // namespace vaultlink
