// Staging the vault's changes: one status scan of the working directory (the
// same stat-based shortcut git uses), then exactly the changed paths updated
// in the index, so a one-note edit in a large vault costs one scan and one add.
#include <algorithm>

#include "git_repo.hpp"

namespace fs = std::filesystem;

namespace vaultlink::gitx {

namespace {

char status_letter(git_delta_t status) {
  switch (status) {
    case GIT_DELTA_ADDED: return 'A';
    case GIT_DELTA_DELETED: return 'D';
    case GIT_DELTA_RENAMED: return 'R';
    case GIT_DELTA_TYPECHANGE: return 'T';
    default: return 'M';
  }
}

// True when the index holds conflict entries (stages 1-3) for `path`.
bool has_conflict_entries(git_index* index, const std::string& path) {
  const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
  int code = git_index_conflict_get(&ancestor, &ours, &theirs, index, path.c_str());
  if (code < 0) git_error_clear();
  return code == 0;
}

}  // namespace

std::vector<std::string> stage_vault_changes(const VaultRepo& repo, git_index* index, const Settings& settings,
                                             const std::string& folder, WorktreeListing* listed_early) {
  std::vector<std::string> vault_paths;
  for (const auto& path : changed_worktree_paths(repo, index, folder.empty() ? repo.prefix : folder, listed_early))
    if (auto vault_path = repo.to_vault_path(path)) vault_paths.push_back(std::move(*vault_path));
  return stage_listed_paths(repo, index, settings, vault_paths);
}

std::vector<std::string> staged_since_head(const VaultRepo& repo, git_index* index, git_tree* head_tree,
                                           const Settings& settings, bool* left_out) {
  git_diff_options options;
  check(git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION), "git_diff_options_init");
  options.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  std::string prefix = repo.prefix;
  char* pathspec[] = {prefix.data()};
  if (!prefix.empty()) options.pathspec = {pathspec, 1};
  git_diff* raw = nullptr;
  check(git_diff_tree_to_index(&raw, repo.get(), head_tree, index, &options), "cannot compare the index with HEAD");
  DiffPtr diff(raw);
  std::vector<std::string> paths;
  const std::size_t count = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    for (const char* path : {delta->old_file.path, delta->new_file.path}) {
      if (!path) continue;
      auto vault_path = repo.to_vault_path(path);
      if (!vault_path) continue;
      if (!is_never_committed(*vault_path, settings.git_ignored_paths)) paths.emplace_back(path);
      else if (left_out) *left_out = true;
    }
  }
  return paths;
}

bool is_gitignored(const VaultRepo& repo, const std::string& path) {
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, repo.get(), path.c_str()), "cannot check .gitignore for " + path);
  return ignored != 0;
}

std::string listed_vault_path(const std::string& listed) {
  const std::string vault_path = fs::path(listed).lexically_normal().generic_string();
  if (vault_path.empty() || vault_path == "." || vault_path.starts_with("../") || vault_path == ".." ||
      fs::path(vault_path).is_absolute())
    throw GitError("'" + listed + "' is not a path inside the vault");
  return vault_path;
}

std::vector<std::string> stage_listed_paths(const VaultRepo& repo, git_index* index, const Settings& settings,
                                            const std::vector<std::string>& paths) {
  std::vector<std::string> staged;
  for (const auto& listed : paths) {
    const std::string vault_path = listed_vault_path(listed);
    if (is_never_committed(vault_path, settings.git_ignored_paths)) continue;
    const std::string path = repo.to_repo_path(vault_path);
    const fs::path file = repo.workdir / path;
    std::error_code error;
    const auto status = fs::symlink_status(file, error);
    const bool tracked = git_index_get_bypath(index, path.c_str(), 0) != nullptr ||
                         has_conflict_entries(index, path);
    if (fs::is_directory(status)) {
      if (tracked) {  // a tracked file replaced by a folder of the same name
        check(git_index_remove_bypath(index, path.c_str()), "cannot stage the deletion of " + path);
        staged.push_back(path);
      }
      auto inside = stage_vault_changes(repo, index, settings, path + "/");
      staged.insert(staged.end(), inside.begin(), inside.end());
      continue;
    }
    if (fs::exists(status) && !fs::is_regular_file(status) && !fs::is_symlink(status)) {
      // A FIFO, socket or device: git stores none of them, and reading a
      // FIFO to hash it would wait for a writer forever. An untracked one is
      // passed over, as git's status does; a tracked file turned into one is
      // refused, as `git add` refuses it.
      if (tracked)
        throw GitError("cannot stage " + path + ": it is no longer a regular file, a symlink or a folder");
      continue;
    }
    if (fs::exists(status)) {
      if (!tracked && is_gitignored(repo, path)) continue;
      check(git_index_add_bypath(index, path.c_str()), "cannot stage " + path);
      staged.push_back(path);
    } else if (tracked) {
      check(git_index_remove_bypath(index, path.c_str()), "cannot stage the deletion of " + path);
      staged.push_back(path);
    }
  }
  return staged;
}

StagedLookup staged_in(git_index* index) {
  return [index](const std::string& path) -> std::optional<StagedEntry> {
    const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0);
    if (!entry) return std::nullopt;
    return StagedEntry{entry->id, entry->mode};
  };
}

git_oid updated_tree(const VaultRepo& repo, const StagedLookup& staged, git_tree* head_tree,
                     const std::vector<std::string>& paths, std::vector<ChangedFile>& files) {
  std::vector<std::string> unique = paths;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());

  using Side = StagedEntry;
  auto shown = [&](const std::string& path) { return repo.to_vault_path(path).value_or(path); };
  std::vector<git_tree_update> updates;
  std::vector<std::pair<std::string, Side>> added, deleted;
  for (const auto& path : unique) {
    std::optional<Side> before, after;
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, head_tree, path.c_str()) == 0) {
      TreeEntryPtr entry(raw);
      if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
        before = Side{*git_tree_entry_id(entry.get()), static_cast<unsigned int>(git_tree_entry_filemode(entry.get()))};
    }
    git_error_clear();
    after = staged(path);

    if (after) {
      updates.push_back(git_tree_update{GIT_TREE_UPDATE_UPSERT, after->id, static_cast<git_filemode_t>(after->mode),
                                        path.c_str()});
    } else if (before) {
      updates.push_back(git_tree_update{GIT_TREE_UPDATE_REMOVE, {}, GIT_FILEMODE_UNREADABLE, path.c_str()});
    }
    if (before && after) {
      if (git_oid_equal(&before->id, &after->id) && before->mode == after->mode) continue;
      bool type_changed = (before->mode & 0170000) != (after->mode & 0170000);
      files.push_back(ChangedFile{type_changed ? 'T' : 'M', shown(path), ""});
    } else if (after) {
      added.emplace_back(path, *after);
    } else if (before) {
      deleted.emplace_back(path, *before);
    }
  }
  // Exact renames: a deleted path whose content reappears under a new path.
  for (auto& [path, side] : added) {
    // A named copy: clang 14 cannot capture a structured binding in a lambda.
    const git_oid& added_id = side.id;
    auto same = std::find_if(deleted.begin(), deleted.end(),
                             [&](const auto& gone) { return git_oid_equal(&gone.second.id, &added_id); });
    if (same != deleted.end()) {
      files.push_back(ChangedFile{'R', shown(path), shown(same->first)});
      deleted.erase(same);
    } else {
      files.push_back(ChangedFile{'A', shown(path), ""});
    }
  }
  for (const auto& [path, side] : deleted) files.push_back(ChangedFile{'D', shown(path), ""});
  std::sort(files.begin(), files.end(), [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });

  // Removals first, in their own pass: a file replaced by a folder of the
  // same name is a removal and an upsert below it, which libgit2 refuses as
  // a directory/file conflict when both come in one update.
  auto is_removal = [](const git_tree_update& update) { return update.action == GIT_TREE_UPDATE_REMOVE; };
  auto first_upsert = std::stable_partition(updates.begin(), updates.end(), is_removal);
  const std::size_t removals = static_cast<std::size_t>(first_upsert - updates.begin());
  git_oid tree_id = *git_tree_id(head_tree);
  TreePtr without_removed;
  if (removals > 0) {
    check(git_tree_create_updated(&tree_id, repo.get(), head_tree, removals, updates.data()),
          "cannot build the new tree");
    git_tree* raw = nullptr;
    check(git_tree_lookup(&raw, repo.get(), &tree_id), "cannot read the new tree");
    without_removed.reset(raw);
  }
  if (removals < updates.size()) {
    git_tree* base = without_removed ? without_removed.get() : head_tree;
    check(git_tree_create_updated(&tree_id, repo.get(), base, updates.size() - removals, updates.data() + removals),
          "cannot build the new tree");
  }
  return tree_id;
}

std::vector<ChangedFile> tree_changes(const VaultRepo& repo, git_tree* old_tree, git_tree* new_tree) {
  git_diff_options options;
  check(git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION), "git_diff_options_init");
  git_diff* raw = nullptr;
  check(git_diff_tree_to_tree(&raw, repo.get(), old_tree, new_tree, &options), "cannot compare the new tree with HEAD");
  DiffPtr diff(raw);

  git_diff_find_options find;
  check(git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION), "git_diff_find_options_init");
  find.flags = GIT_DIFF_FIND_RENAMES;
  check(git_diff_find_similar(diff.get(), &find), "cannot detect renames");

  auto shown = [&](const char* path) { return repo.to_vault_path(path).value_or(path); };
  std::vector<ChangedFile> files;
  const std::size_t count = git_diff_num_deltas(diff.get());
  files.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    ChangedFile file;
    file.status = status_letter(delta->status);
    file.path = shown(delta->status == GIT_DELTA_DELETED ? delta->old_file.path : delta->new_file.path);
    if (delta->status == GIT_DELTA_RENAMED) file.old_path = shown(delta->old_file.path);
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace vaultlink::gitx
