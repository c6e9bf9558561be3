#include "vaultlink/change_coalescer.hpp"

#include <algorithm>
#include <unordered_map>

namespace vaultlink {

void ChangeCoalescer::created(const std::string& path) {
  // A file created where one already stands replaced it.
  if (occupants_.contains(path)) removed(path);
  occupants_[path] = Occupant{std::nullopt, true};
}

void ChangeCoalescer::modified(const std::string& path) {
  if (auto found = occupants_.find(path); found != occupants_.end()) {
    found->second.dirty = true;
    return;
  }
  // The original file here left earlier (say, renamed away); whatever is here
  // now is not it.
  std::optional<std::string> origin;
  if (!vacated_.contains(path)) origin = path;
  occupants_[path] = Occupant{std::move(origin), true};
}

void ChangeCoalescer::removed(const std::string& path) {
  auto found = occupants_.find(path);
  if (found == occupants_.end()) {
    vacated_.insert(path);
    return;
  }
  if (found->second.origin) vacated_.insert(*found->second.origin);
  occupants_.erase(found);
}

void ChangeCoalescer::renamed(const std::string& from, const std::string& to) {
  if (from == to) return;
  Occupant moving;
  if (auto found = occupants_.find(from); found != occupants_.end()) {
    moving = std::move(found->second);
    occupants_.erase(found);
  } else if (vacated_.contains(from)) {
    // Renaming a file we believe gone: treat what arrives as new.
    moving = Occupant{std::nullopt, true};
  } else {
    moving = Occupant{from, false};
  }
  if (moving.origin) vacated_.insert(*moving.origin);
  if (occupants_.contains(to)) removed(to);
  occupants_[to] = std::move(moving);
}

void ChangeCoalescer::apply(const FileChange& change) {
  switch (change.kind) {
    case FileChange::Kind::created: created(change.path); break;
    case FileChange::Kind::modified: modified(change.path); break;
    case FileChange::Kind::removed: removed(change.path); break;
    case FileChange::Kind::renamed: renamed(change.old_path, change.path); break;
  }
}

std::vector<FileChange> ChangeCoalescer::net() const {
  using Kind = FileChange::Kind;
  std::vector<FileChange> renames, removals, creations, modifications;
  std::unordered_set<std::string> renamed_away;  // originals reported as renamed

  for (const auto& [path, occupant] : occupants_) {
    const bool existed_before = vacated_.contains(path);
    if (occupant.origin && *occupant.origin == path) {
      // Still (or again) the original file.
      if (occupant.dirty) modifications.push_back({Kind::modified, path, {}});
      continue;
    }
    // A clean rename needs a fresh target and an original path left empty;
    // anything else (swaps, a rename over a file) is told as content changes,
    // which a consumer cannot misapply in any order.
    if (occupant.origin && !existed_before && !occupants_.contains(*occupant.origin)) {
      renames.push_back({Kind::renamed, path, *occupant.origin});
      renamed_away.insert(*occupant.origin);
      if (occupant.dirty) modifications.push_back({Kind::modified, path, {}});
      continue;
    }
    if (existed_before) {
      modifications.push_back({Kind::modified, path, {}});
    } else {
      creations.push_back({Kind::created, path, {}});
    }
  }
  for (const auto& path : vacated_) {
    if (!occupants_.contains(path) && !renamed_away.contains(path)) {
      removals.push_back({Kind::removed, path, {}});
    }
  }

  auto by_path = [](const FileChange& a, const FileChange& b) { return a.path < b.path; };
  std::vector<FileChange> result;
  result.reserve(renames.size() + removals.size() + creations.size() + modifications.size());
  for (auto* group : {&renames, &removals, &creations, &modifications}) {
    std::sort(group->begin(), group->end(), by_path);
    result.insert(result.end(), std::make_move_iterator(group->begin()), std::make_move_iterator(group->end()));
  }
  return result;
}

std::vector<FileChange> ChangeCoalescer::take() {
  std::vector<FileChange> result = net();
  occupants_.clear();
  vacated_.clear();
  return result;
}

}  // namespace vaultlink
