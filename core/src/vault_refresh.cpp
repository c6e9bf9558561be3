// The incremental half of Vault: bring the index and the link graph up to date
// with a few changed paths, and work out which other notes that touches.
//
// Why the dependency sets are complete:
//  - A link resolves by its target's last segment (link_name_key), so only
//    the notes recorded in the graph under a name whose files appeared or
//    went can resolve differently; no other note is re-resolved.
//  - A note's diagnostics depend on its own text, on how its links resolve,
//    on the headings and block ids of the files they reach, and, for broken
//    links, on the vault's names and aliases (suggestions: names_changed).
//  - A target's section depends on which notes link to it, on those notes'
//    text around the links, and on the shortest link to each of them, which
//    changes when a file of the same name appears or goes. Exactly: it is a
//    function of each source's BacklinkGroup for it, so a changed note
//    reaches only the targets whose group from it differs before and after
//    (an edit elsewhere in the note leaves the sections of the topics it
//    links to alone; re-rendering them costs as much as their backlinks).
#include <algorithm>
#include <map>
#include <optional>

#include "parallel.hpp"
#include "vault_file_loader.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/fs.hpp"
#include "vaultlink/vault.hpp"

namespace fs = std::filesystem;

namespace vaultlink {
namespace {

using PathSet = std::set<std::string, std::less<>>;

// The resolved targets of one note's links, as the graph has them now.
PathSet targets_of(const LinkGraph& graph, std::string_view note) {
  PathSet targets;
  if (const auto* resolutions = graph.resolutions(note))
    for (const auto& resolution : *resolutions)
      if (resolution.resolved()) targets.insert(resolution.path);
  return targets;
}

const std::vector<std::string>* aliases_of(const VaultFile* file) {
  return file && file->note ? &file->note->frontmatter.aliases : nullptr;
}

bool same_aliases(const VaultFile* before, const VaultFile* after) {
  static const std::vector<std::string> kNone;
  const auto* a = aliases_of(before);
  const auto* b = aliases_of(after);
  return (a ? *a : kNone) == (b ? *b : kNone);
}

// What each refreshed path becomes: a file to index (loaded), or gone.
class PlannedChanges {
 public:
  PlannedChanges(const fs::path& root, const VaultIndex& index, const VaultMembership& membership)
      : root_(root), index_(index), membership_(membership) {}

  void add(const std::string& path) {
    if (path.empty() || path.starts_with('/') || membership_.excludes(path)) {
      remove_with_subtree(path);
      return;
    }
    std::error_code error;
    const fs::path full = root_ / path;
    const fs::file_status link = fs::symlink_status(full, error);
    if (error || !fs::exists(link)) {
      remove_with_subtree(path);
    } else if (fs::is_directory(link)) {
      std::vector<Diagnostic> ignored;  // problems of a partial scan are found again by a full one
      const auto present = scan_vault_folder(root_, membership_, path, ignored);
      for (const auto& file : present) consider_file(file);
      const PathSet keep(present.begin(), present.end());
      for_each_indexed_under(path, [&](const std::string& indexed) {
        if (!keep.contains(indexed)) removed_.insert(indexed);
      });
    } else if (fs::is_symlink(link) && (fs::is_directory(fs::status(full, error)) || !is_inside(root_, full))) {
      remove_with_subtree(path);  // the scan never follows these either
    } else if (fs::is_regular_file(fs::status(full, error))) {
      consider_file(path);
    } else {
      remove_with_subtree(path);  // a FIFO, socket or device is not part of the vault
    }
  }

  const std::vector<std::string>& to_load() const { return to_load_; }
  const PathSet& removed() const { return removed_; }

 private:
  void consider_file(const std::string& path) {
    removed_.erase(path);
    const VaultFile* indexed = index_.find(path);
    if (indexed && !indexed->is_note) return;  // an attachment's bytes never matter, only that it exists
    if (indexed && unchanged(*indexed)) return;  // e.g. our own write, already refreshed
    if (std::find(to_load_.begin(), to_load_.end(), path) == to_load_.end()) to_load_.push_back(path);
  }

  // Same stamp and same bytes as indexed. The stamp alone would miss a second
  // write of the same size within one tick of the file system's clock.
  bool unchanged(const VaultFile& indexed) const {
    if (!indexed.read_error.empty() || indexed.content_hash == 0) return false;
    const fs::path file = root_ / indexed.path;
    if (stat_file(file) != std::optional<FileStamp>(indexed.stamp)) return false;
    const ReadResult read = read_file(file, indexed.stamp.size);
    return read.ok() && read.stamp == indexed.stamp && content_hash(read.bytes) == indexed.content_hash;
  }

  void remove_with_subtree(const std::string& path) {
    if (index_.find(path)) removed_.insert(path);
    for_each_indexed_under(path, [&](const std::string& indexed) { removed_.insert(indexed); });
  }

  template <typename Visit>
  void for_each_indexed_under(const std::string& folder, Visit&& visit) {
    const std::string prefix = folder.empty() ? "" : folder + "/";
    const auto& files = index_.files();
    for (auto it = files.lower_bound(prefix); it != files.end() && it->first.starts_with(prefix); ++it) visit(it->first);
  }

  const fs::path& root_;
  const VaultIndex& index_;
  const VaultMembership& membership_;
  std::vector<std::string> to_load_;
  PathSet removed_;
};

}  // namespace

VaultDelta Vault::refresh(const std::vector<std::string>& paths) {
  PlannedChanges plan(root_, index_, membership_);
  for (const auto& path : paths) plan.add(path);

  // A `git pull` can change many notes at once: read and parse them on every core.
  std::vector<VaultFile> loaded(plan.to_load().size());
  parallel_for(loaded.size(), [&](std::size_t i) { loaded[i] = load_vault_file(root_, plan.to_load()[i], settings_.max_note_bytes); });

  VaultDelta delta;
  PathSet changed_names;  // link_name_key of files that appeared or went
  auto note_change = [&](const std::string& path, const VaultFile* before, const VaultFile* after) {
    delta.changed.push_back(path);
    if (!before != !after) changed_names.insert(link_name_key(path));
    if (!same_aliases(before, after)) delta.names_changed = true;
  };
  for (const auto& file : loaded) note_change(file.path, index_.find(file.path), &file);
  for (const auto& path : plan.removed()) note_change(path, index_.find(path), nullptr);
  if (delta.changed.empty()) return delta;
  std::sort(delta.changed.begin(), delta.changed.end());
  delta.names_changed = delta.names_changed || !changed_names.empty();

  // Everything that depends on the old state is gathered before the index changes.
  PathSet relink;  // notes whose links must be resolved again
  for (const auto& path : delta.changed)
    if (is_note_path(path)) relink.insert(path);
  for (const auto& name : changed_names)
    for (const auto& dependent : graph_.dependents_of_name(name)) relink.emplace(dependent);
  std::map<std::string, PathSet, std::less<>> targets_before;
  for (const auto& note : relink) targets_before[note] = targets_of(graph_, note);
  // What each changed note gave its targets' sections before the change.
  std::map<std::pair<std::string, std::string>, std::optional<BacklinkGroup>> groups_before;
  for (const auto& note : relink)
    if (std::binary_search(delta.changed.begin(), delta.changed.end(), note))
      for (const auto& target : targets_before[note])
        groups_before[{note, target}] = backlink_group(index_, graph_, note, target);
  PathSet linking_notes;  // notes that link to a changed file, before or after
  for (const auto& path : delta.changed)
    for (const auto& source : graph_.sources_of(path)) linking_notes.emplace(source);
  PathSet renamed_sources;  // notes whose shortest link may change, before or after
  auto add_named = [&] {
    for (const auto& name : changed_names)
      for (const auto& file : index_.files_named(name))
        if (is_note_path(file)) renamed_sources.insert(file);
  };
  add_named();

  for (auto& file : loaded) {
    if (file.is_note && !file.note) delta.names_changed = true;  // an unreadable note drops its aliases
    index_.upsert(std::move(file));
  }
  for (const auto& path : plan.removed()) {
    if (is_note_path(path)) delta.removed_notes.insert(path);
    index_.remove(path);
  }
  for (const auto& note : relink) graph_.update_note(index_, note);

  add_named();
  for (const auto& path : delta.changed)
    for (const auto& source : graph_.sources_of(path)) linking_notes.emplace(source);

  auto exists = [&](std::string_view note) {
    const VaultFile* file = index_.find(note);
    return file && file->is_note;
  };
  for (const auto& note : relink) {
    const PathSet& before = targets_before[note];
    const PathSet after = targets_of(graph_, note);
    const bool note_changed = std::binary_search(delta.changed.begin(), delta.changed.end(), note);
    auto group_changed = [&](const std::string& target) {
      auto old_group = groups_before.find({note, target});
      const std::optional<BacklinkGroup> none;
      return (old_group == groups_before.end() ? none : old_group->second) !=
             backlink_group(index_, graph_, note, target);
    };
    if (note_changed) {
      PathSet either = before;
      either.insert(after.begin(), after.end());
      for (const auto& target : either)
        if (group_changed(target)) delta.backlink_targets.insert(target);
    } else {
      for (const auto& target : before)
        if (!after.contains(target)) delta.backlink_targets.insert(target);
      for (const auto& target : after)
        if (!before.contains(target)) delta.backlink_targets.insert(target);
    }
    delta.revalidate.insert(note);
  }
  for (const auto& source : renamed_sources)
    for (const auto& target : targets_of(graph_, source)) delta.backlink_targets.insert(target);
  for (const auto& path : delta.changed)
    if (is_note_path(path)) delta.backlink_targets.insert(path);
  delta.revalidate.insert(linking_notes.begin(), linking_notes.end());

  std::erase_if(delta.revalidate, [&](const std::string& note) { return !exists(note); });
  std::erase_if(delta.backlink_targets, [&](const std::string& note) { return !exists(note); });
  return delta;
}

}  // namespace vaultlink
