#include "vaultlink/graph.hpp"

#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {
const std::set<std::string, std::less<>> kNoNotes;
}

std::string link_name_key(std::string_view target) {
  std::string key = fold_name(file_name(trim(target)));
  // Names are indexed with and without ".md", so the key drops it: [[X]] and [[X.md]] depend on the same files.
  if (is_note_path(key)) key.resize(key.size() - 3);
  return key;
}

void LinkGraph::forget(std::string_view note_path) {
  auto resolutions = resolutions_.find(note_path);
  if (resolutions != resolutions_.end()) {
    for (const auto& resolution : resolutions->second) {
      if (!resolution.resolved()) continue;
      auto sources = sources_.find(resolution.path);
      if (sources == sources_.end()) continue;
      sources->second.erase(std::string(note_path));
      if (sources->second.empty()) sources_.erase(sources);
    }
    resolutions_.erase(resolutions);
  }
  auto names = names_of_note_.find(note_path);
  if (names != names_of_note_.end()) {
    for (const auto& name : names->second) {
      auto dependents = name_dependents_.find(name);
      if (dependents == name_dependents_.end()) continue;
      dependents->second.erase(std::string(note_path));
      if (dependents->second.empty()) name_dependents_.erase(dependents);
    }
    names_of_note_.erase(names);
  }
}

void LinkGraph::update_note(const VaultIndex& index, std::string_view note_path) {
  forget(note_path);
  const Note* note = index.note(note_path);
  if (!note) return;
  const std::string path(note_path);
  std::vector<Resolution> resolutions;
  resolutions.reserve(note->links.size());
  std::vector<std::string> names;
  for (const Link& link : note->links) {
    if (!link.malformed.empty()) {
      resolutions.emplace_back();
      continue;
    }
    resolutions.push_back(resolve_link(index, path, link));
    if (resolutions.back().resolved()) sources_[resolutions.back().path].insert(path);
    if (!link.target.empty()) {
      std::string name = link_name_key(link.target);
      if (name_dependents_[name].insert(path).second) names.push_back(std::move(name));
    }
  }
  resolutions_.emplace(path, std::move(resolutions));
  names_of_note_.emplace(path, std::move(names));
}

void LinkGraph::remove_note(std::string_view note_path) { forget(note_path); }

void LinkGraph::rebuild(const VaultIndex& index) {
  resolutions_.clear();
  sources_.clear();
  name_dependents_.clear();
  names_of_note_.clear();
  for (const auto& [path, file] : index.files())
    if (file.note) update_note(index, path);
}

const std::vector<Resolution>* LinkGraph::resolutions(std::string_view note_path) const {
  auto found = resolutions_.find(note_path);
  return found == resolutions_.end() ? nullptr : &found->second;
}

const std::set<std::string, std::less<>>& LinkGraph::sources_of(std::string_view path) const {
  auto found = sources_.find(path);
  return found == sources_.end() ? kNoNotes : found->second;
}

const std::set<std::string, std::less<>>& LinkGraph::dependents_of_name(std::string_view folded_name) const {
  auto found = name_dependents_.find(folded_name);
  return found == name_dependents_.end() ? kNoNotes : found->second;
}

}  // namespace vaultlink
