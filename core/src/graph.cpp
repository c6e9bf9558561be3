#include "vaultlink/graph.hpp"

#include <algorithm>

#include "parallel.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {
const LinkGraph::NoteSet kNoNotes;
}

std::string link_name_key(std::string_view target) {
  std::string key = fold_name(file_name(trim(target)));
  // Names are indexed with and without ".md", so the key drops it: [[X]] and [[X.md]] depend on the same files.
  if (is_note_path(key)) key.resize(key.size() - 3);
  return key;
}

void LinkGraph::forget(std::string_view note_path) {
  // `note_path` may view the very key erased last, so the sets go first.
  auto resolutions = resolutions_.find(note_path);
  if (resolutions != resolutions_.end()) {
    for (const auto& resolution : resolutions->second) {
      if (!resolution.resolved()) continue;
      auto sources = sources_.find(resolution.path);
      if (sources == sources_.end()) continue;
      sources->second.erase(note_path);
      if (sources->second.empty()) sources_.erase(sources);
    }
  }
  auto names = names_of_note_.find(note_path);
  if (names != names_of_note_.end()) {
    for (const auto& name : names->second) {
      auto dependents = name_dependents_.find(name);
      if (dependents == name_dependents_.end()) continue;
      dependents->second.erase(note_path);
      if (dependents->second.empty()) name_dependents_.erase(dependents);
    }
    names_of_note_.erase(names);
  }
  if (resolutions != resolutions_.end()) resolutions_.erase(resolutions);
}

namespace {
// What one note's links resolve to: computed without touching the graph, so
// notes can be resolved in parallel and recorded afterwards.
struct NoteLinks {
  std::vector<Resolution> resolutions;
  std::vector<std::string> names;
};

NoteLinks resolve_note_links(const VaultIndex& index, const std::string& path, const Note& note) {
  NoteLinks out;
  out.resolutions.reserve(note.links.size());
  for (const Link& link : note.links) {
    out.resolutions.push_back(link.malformed.empty() ? resolve_link(index, path, link) : Resolution{});
    if (link.malformed.empty() && !link.target.empty()) out.names.push_back(link_name_key(link.target));
  }
  std::sort(out.names.begin(), out.names.end());
  out.names.erase(std::unique(out.names.begin(), out.names.end()), out.names.end());
  return out;
}
}  // namespace

void LinkGraph::record(const std::string& path, std::vector<Resolution> resolutions, std::vector<std::string> names) {
  // A note links to the same target many times; the graph needs it once.
  std::vector<const std::string*> targets;
  for (const auto& resolution : resolutions)
    if (resolution.resolved()) targets.push_back(&resolution.path);
  std::sort(targets.begin(), targets.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
  targets.erase(std::unique(targets.begin(), targets.end(), [](const std::string* a, const std::string* b) { return *a == *b; }),
                targets.end());
  // Moving the vector keeps its elements where they are, so `targets` stays valid.
  auto entry = resolutions_.insert_or_assign(path, std::move(resolutions)).first;
  const std::string_view note = entry->first;  // the one copy of the path the sets below view
  for (const std::string* target : targets) {
    auto found = sources_.find(*target);
    if (found == sources_.end()) found = sources_.emplace(*target, NoteSet{}).first;
    found->second.insert(note);  // an append: notes are recorded in path order when loading
  }
  for (const auto& name : names) {
    auto found = name_dependents_.find(name);
    if (found == name_dependents_.end()) found = name_dependents_.emplace(name, NoteSet{}).first;
    found->second.insert(note);
  }
  names_of_note_.insert_or_assign(path, std::move(names));
}

void LinkGraph::update_note(const VaultIndex& index, std::string_view note_path) {
  forget(note_path);
  const Note* note = index.note(note_path);
  if (!note) return;
  const std::string path(note_path);
  NoteLinks links = resolve_note_links(index, path, *note);
  record(path, std::move(links.resolutions), std::move(links.names));
}

void LinkGraph::remove_note(std::string_view note_path) { forget(note_path); }

void LinkGraph::rebuild(const VaultIndex& index) {
  resolutions_.clear();
  sources_.clear();
  name_dependents_.clear();
  names_of_note_.clear();
  std::vector<const VaultFile*> notes;
  for (const auto& [path, file] : index.files())
    if (file.note) notes.push_back(&file);
  std::vector<NoteLinks> resolved(notes.size());
  parallel_for(notes.size(), [&](std::size_t i) { resolved[i] = resolve_note_links(index, notes[i]->path, *notes[i]->note); });
  for (std::size_t i = 0; i < notes.size(); ++i)
    record(notes[i]->path, std::move(resolved[i].resolutions), std::move(resolved[i].names));
}

const std::vector<Resolution>* LinkGraph::resolutions(std::string_view note_path) const {
  auto found = resolutions_.find(note_path);
  return found == resolutions_.end() ? nullptr : &found->second;
}

const LinkGraph::NoteSet& LinkGraph::sources_of(std::string_view path) const {
  auto found = sources_.find(path);
  return found == sources_.end() ? kNoNotes : found->second;
}

const LinkGraph::NoteSet& LinkGraph::dependents_of_name(std::string_view folded_name) const {
  auto found = name_dependents_.find(folded_name);
  return found == name_dependents_.end() ? kNoNotes : found->second;
}

}  // namespace vaultlink
