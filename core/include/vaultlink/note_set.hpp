#pragma once
// A set of note paths kept as a sorted vector of views, for the link graph.
//
// Why not std::set: loading a vault inserts every (target, linking note)
// pair once, in path order, and a tree node per pair (malloc, rebalancing,
// a cache miss per level) was a sixth of a warm check's CPU. Here a load's
// insert is an append; a later insert or erase moves the views after it,
// which for the most linked note of a 10,000-note vault is a few kilobytes.
#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace vaultlink {

class NoteSet {
 public:
  using const_iterator = std::vector<std::string_view>::const_iterator;

  const_iterator begin() const { return paths_.begin(); }
  const_iterator end() const { return paths_.end(); }
  std::size_t size() const { return paths_.size(); }
  bool empty() const { return paths_.empty(); }
  bool contains(std::string_view path) const { return std::binary_search(paths_.begin(), paths_.end(), path); }

  // Adds `path` unless it is there; the view must outlive its place in the set.
  void insert(std::string_view path) {
    if (paths_.empty() || paths_.back() < path) {
      paths_.push_back(path);
      return;
    }
    auto at = std::lower_bound(paths_.begin(), paths_.end(), path);
    if (*at != path) paths_.insert(at, path);
  }

  void erase(std::string_view path) {
    auto at = std::lower_bound(paths_.begin(), paths_.end(), path);
    if (at != paths_.end() && *at == path) paths_.erase(at);
  }

 private:
  std::vector<std::string_view> paths_;  // sorted, no two equal
};

}  // namespace vaultlink
