#include "vaultlink/index.hpp"

#include <algorithm>

#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

const std::vector<std::string> kNoPaths;

void add_unique(std::vector<std::string>& paths, const std::string& path) {
  auto at = std::lower_bound(paths.begin(), paths.end(), path);
  if (at == paths.end() || *at != path) paths.insert(at, path);
}

template <typename Map>
void erase_path(Map& map, const std::string& key, const std::string& path) {
  auto found = map.find(key);
  if (found == map.end()) return;
  std::erase(found->second, path);
  if (found->second.empty()) map.erase(found);
}

std::string_view stem_of_note(std::string_view name) { return name.substr(0, name.size() - 3); }

std::string loose_key_of(const VaultFile& file) {
  std::string_view name = file_name(file.path);
  return loose_name_key(file.is_note ? stem_of_note(name) : name);
}

}  // namespace

std::string_view parent_folder(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view file_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_note_path(std::string_view path) {
  if (path.size() < 3) return false;
  std::string_view ext = path.substr(path.size() - 3);
  return ext[0] == '.' && (ext[1] == 'm' || ext[1] == 'M') && (ext[2] == 'd' || ext[2] == 'D');
}

void VaultIndex::add_keys(const VaultFile& file) {
  add_unique(by_folded_path_[file.folded_path], file.path);
  std::string name = fold_name(file_name(file.path));
  add_unique(by_folded_name_[name], file.path);
  if (file.is_note) add_unique(by_folded_name_[std::string(stem_of_note(name))], file.path);
  add_unique(by_loose_name_[loose_key_of(file)], file.path);
  if (file.note)
    for (const auto& alias : file.note->frontmatter.aliases) add_unique(by_folded_alias_[fold_name(alias)], file.path);
}

void VaultIndex::remove_keys(const VaultFile& file) {
  erase_path(by_folded_path_, file.folded_path, file.path);
  std::string name = fold_name(file_name(file.path));
  erase_path(by_folded_name_, name, file.path);
  if (file.is_note) erase_path(by_folded_name_, std::string(stem_of_note(name)), file.path);
  erase_path(by_loose_name_, loose_key_of(file), file.path);
  if (file.note)
    for (const auto& alias : file.note->frontmatter.aliases) erase_path(by_folded_alias_, fold_name(alias), file.path);
}

VaultIndex::VaultIndex(const VaultIndex& other)
    : files_(other.files_),
      by_folded_path_(other.by_folded_path_),
      by_loose_name_(other.by_loose_name_),
      by_folded_name_(other.by_folded_name_),
      by_folded_alias_(other.by_folded_alias_) {
  for (const auto& [path, file] : files_) by_path_.emplace(path, &file);
}

VaultIndex& VaultIndex::operator=(const VaultIndex& other) {
  if (this != &other) *this = VaultIndex(other);
  return *this;
}

void VaultIndex::upsert(VaultFile file) {
  file.folded_path = fold_name(file.path);
  auto existing = files_.find(file.path);
  if (existing != files_.end()) {
    remove_keys(existing->second);
    existing->second = std::move(file);
    add_keys(existing->second);
  } else {
    auto [inserted, ok] = files_.emplace(file.path, std::move(file));
    by_path_.emplace(inserted->first, &inserted->second);
    add_keys(inserted->second);
  }
}

bool VaultIndex::remove(std::string_view path) {
  auto existing = files_.find(path);
  if (existing == files_.end()) return false;
  remove_keys(existing->second);
  by_path_.erase(existing->first);
  files_.erase(existing);
  return true;
}

const VaultFile* VaultIndex::find(std::string_view path) const {
  auto found = by_path_.find(path);
  return found == by_path_.end() ? nullptr : found->second;
}

const VaultFile* VaultIndex::find_folded(std::string_view path) const {
  if (const VaultFile* exact = find(path)) return exact;
  auto found = by_folded_path_.find(fold_name(path));
  return found == by_folded_path_.end() ? nullptr : find(found->second.front());
}

const std::vector<std::string>& VaultIndex::files_loosely_named(std::string_view loose_key) const {
  auto found = by_loose_name_.find(loose_key);
  return found == by_loose_name_.end() ? kNoPaths : found->second;
}

const Note* VaultIndex::note(std::string_view path) const {
  const VaultFile* file = find(path);
  return file ? file->note.get() : nullptr;
}

const std::vector<std::string>& VaultIndex::files_named(std::string_view folded_name) const {
  auto found = by_folded_name_.find(folded_name);
  return found == by_folded_name_.end() ? kNoPaths : found->second;
}

const std::vector<std::string>& VaultIndex::notes_with_alias(std::string_view folded_alias) const {
  auto found = by_folded_alias_.find(folded_alias);
  return found == by_folded_alias_.end() ? kNoPaths : found->second;
}

std::vector<std::string> VaultIndex::note_paths() const {
  std::vector<std::string> paths;
  for (const auto& [path, file] : files_)
    if (file.is_note) paths.push_back(path);
  return paths;
}

}  // namespace vaultlink
