#include "watched_tree.hpp"

namespace vaultlink {

std::string join_relative(const std::string& folder, std::string_view name) {
  if (folder.empty()) return std::string(name);
  std::string path;
  path.reserve(folder.size() + 1 + name.size());
  path.append(folder).append("/").append(name);
  return path;
}

namespace {

bool is_within(const std::string& path, const std::string& folder) {
  if (folder.empty()) return true;
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

// The first key of `container` inside `folder` (the folder itself excluded).
template <typename Ordered>
auto first_within(Ordered& container, const std::string& folder) {
  return folder.empty() ? container.begin() : container.lower_bound(folder + "/");
}

}  // namespace

void WatchedTree::add_folder(const std::string& folder, int descriptor) {
  if (auto old = folders_.find(folder); old != folders_.end() && old->second != descriptor) {
    by_descriptor_.erase(old->second);
  }
  // The same folder inode may come back under a new path (a rescan after a
  // missed rename): the descriptor then names the new path only.
  if (auto old = by_descriptor_.find(descriptor); old != by_descriptor_.end() && old->second != folder) {
    folders_.erase(old->second);
  }
  folders_[folder] = descriptor;
  by_descriptor_[descriptor] = folder;
}

const std::string* WatchedTree::folder_of(int descriptor) const {
  auto found = by_descriptor_.find(descriptor);
  return found == by_descriptor_.end() ? nullptr : &found->second;
}

void WatchedTree::forget_descriptor(int descriptor) {
  auto found = by_descriptor_.find(descriptor);
  if (found == by_descriptor_.end()) return;
  folders_.erase(found->second);
  by_descriptor_.erase(found);
}

WatchedTree::Removed WatchedTree::remove_subtree(const std::string& folder) {
  Removed removed;
  if (auto self = folders_.find(folder); self != folders_.end()) {
    removed.descriptors.push_back(self->second);
    by_descriptor_.erase(self->second);
    folders_.erase(self);
  }
  for (auto it = first_within(folders_, folder); it != folders_.end() && is_within(it->first, folder);) {
    removed.descriptors.push_back(it->second);
    by_descriptor_.erase(it->second);
    it = folders_.erase(it);
  }
  for (auto it = first_within(files_, folder); it != files_.end() && is_within(*it, folder);) {
    removed.files.push_back(*it);
    it = files_.erase(it);
  }
  return removed;
}

std::vector<std::pair<std::string, std::string>> WatchedTree::move_subtree(const std::string& from,
                                                                          const std::string& to) {
  auto renamed = [&](const std::string& path) { return to + path.substr(from.size()); };

  std::vector<std::pair<std::string, int>> moved_folders;
  if (auto self = folders_.find(from); self != folders_.end()) {
    moved_folders.emplace_back(to, self->second);
    folders_.erase(self);
  }
  for (auto it = first_within(folders_, from); it != folders_.end() && is_within(it->first, from);) {
    moved_folders.emplace_back(renamed(it->first), it->second);
    it = folders_.erase(it);
  }
  for (auto& [folder, descriptor] : moved_folders) add_folder(folder, descriptor);

  std::vector<std::pair<std::string, std::string>> moved_files;
  for (auto it = first_within(files_, from); it != files_.end() && is_within(*it, from);) {
    moved_files.emplace_back(*it, renamed(*it));
    it = files_.erase(it);
  }
  for (const auto& [old_path, new_path] : moved_files) files_.insert(new_path);
  return moved_files;
}

std::vector<int> WatchedTree::descriptors() const {
  std::vector<int> result;
  result.reserve(folders_.size());
  for (const auto& [folder, descriptor] : folders_) result.push_back(descriptor);
  return result;
}

void WatchedTree::clear() {
  folders_.clear();
  by_descriptor_.clear();
  files_.clear();
}

}  // namespace vaultlink
