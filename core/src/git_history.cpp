// A note's history and restoring an old version. libgit2 has no `--follow`,
// so the walk does it the cheap way: per commit it compares only the note's
// tree entry with the parents' (no full diff), and runs a rename-detecting
// diff only for the commit where the note appears, to learn its older name.
#include "git_repo.hpp"
#include "vaultlink/fs.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

namespace {

using namespace gitx;

// Blob id of `path` in `commit`'s tree; nullopt when absent.
std::optional<git_oid> blob_at(const git_commit* commit, const std::string& path) {
  git_tree* raw_tree = nullptr;
  check(git_commit_tree(&raw_tree, commit), "cannot read a commit's tree");
  TreePtr tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  int code = git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str());
  if (code == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(code, "cannot look up " + path);
  TreeEntryPtr entry(raw_entry);
  return *git_tree_entry_id(entry.get());
}

// The path `path` was renamed from in `commit` (compared with `parent`), if any.
std::optional<std::string> renamed_from(const VaultRepo& repo, const git_commit* parent, const git_commit* commit,
                                        const std::string& path) {
  git_tree *raw_old = nullptr, *raw_new = nullptr;
  check(git_commit_tree(&raw_old, parent), "cannot read a commit's tree");
  TreePtr old_tree(raw_old);
  check(git_commit_tree(&raw_new, commit), "cannot read a commit's tree");
  TreePtr new_tree(raw_new);
  git_diff* raw_diff = nullptr;
  check(git_diff_tree_to_tree(&raw_diff, repo.get(), old_tree.get(), new_tree.get(), nullptr), "cannot diff");
  DiffPtr diff(raw_diff);
  git_diff_find_options find;
  check(git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION), "git_diff_find_options_init");
  find.flags = GIT_DIFF_FIND_RENAMES;
  check(git_diff_find_similar(diff.get(), &find), "cannot detect renames");
  for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    if (delta->status == GIT_DELTA_RENAMED && path == delta->new_file.path) return std::string(delta->old_file.path);
  }
  return std::nullopt;
}

std::string summary_of(const git_commit* commit) {
  const char* summary = git_commit_summary(const_cast<git_commit*>(commit));
  return summary ? summary : "";
}

// Accepts "Folder/Note.md", "./Folder/Note.md" or "Folder/Note" (".md" implied
// when that file exists or is in history under that name).
std::string normalize_note(std::string_view note) {
  std::string path = fs::path(std::string(note)).lexically_normal().generic_string();
  if (path.empty() || path == "." || path.starts_with("../") || path == ".." || fs::path(path).is_absolute())
    throw GitError("'" + std::string(note) + "' is not a path inside the vault");
  return path;
}

std::vector<NoteRevision> walk_history(const VaultRepo& repo, std::string path, std::size_t limit) {
  std::vector<NoteRevision> revisions;
  if (!head_commit(repo)) return revisions;
  git_revwalk* raw_walk = nullptr;
  check(git_revwalk_new(&raw_walk, repo.get()), "cannot walk history");
  RevwalkPtr walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  check(git_revwalk_push_head(walk.get()), "cannot walk history from HEAD");

  git_oid id{};
  while (git_revwalk_next(&id, walk.get()) == 0) {
    git_commit* raw = nullptr;
    check(git_commit_lookup(&raw, repo.get(), &id), "cannot read commit " + oid_hex(&id));
    CommitPtr commit(raw);
    auto here = blob_at(commit.get(), path);
    const unsigned int parent_count = git_commit_parentcount(commit.get());
    bool touched = parent_count == 0 ? here.has_value() : true;
    bool absent_in_first_parent = false;
    for (unsigned int i = 0; i < parent_count; ++i) {
      git_commit* raw_parent = nullptr;
      check(git_commit_parent(&raw_parent, commit.get(), i), "cannot read a parent commit");
      CommitPtr parent(raw_parent);
      auto there = blob_at(parent.get(), path);
      if (i == 0) absent_in_first_parent = !there.has_value();
      // Like git log: a commit identical to one parent for this file did not change it.
      bool same = here.has_value() == there.has_value() && (!here || git_oid_equal(&*here, &*there));
      if (same) touched = false;
    }
    if (!touched) continue;

    const git_signature* author = git_commit_author(commit.get());
    revisions.push_back(NoteRevision{oid_hex(&id), repo.to_vault_path(path).value_or(path),
                                     author && author->name ? author->name : "",
                                     author && author->email ? author->email : "",
                                     author ? static_cast<std::int64_t>(author->when.time) : 0,
                                     summary_of(commit.get())});
    if (limit && revisions.size() >= limit) break;

    if (here && absent_in_first_parent && parent_count > 0) {
      git_commit* raw_parent = nullptr;
      check(git_commit_parent(&raw_parent, commit.get(), 0), "cannot read a parent commit");
      CommitPtr parent(raw_parent);
      if (auto older = renamed_from(repo, parent.get(), commit.get(), path)) path = *older;
    }
  }
  git_error_clear();
  return revisions;
}

}  // namespace

std::vector<NoteRevision> note_history(const fs::path& vault, std::string_view note, std::size_t limit) {
  VaultRepo repo = open_vault_repository(vault, false);
  std::string path = normalize_note(note);
  auto revisions = walk_history(repo, repo.to_repo_path(path), limit);
  if (revisions.empty() && !path.ends_with(".md") && !fs::exists(repo.vault / path))
    revisions = walk_history(repo, repo.to_repo_path(path + ".md"), limit);
  return revisions;
}

RestoreResult restore_note(const fs::path& vault, std::string_view note, std::string_view revision) {
  VaultRepo repo = open_vault_repository(vault, false);
  std::string path = normalize_note(note);
  if (!path.ends_with(".md") && !fs::exists(repo.vault / path)) {
    if (!walk_history(repo, repo.to_repo_path(path + ".md"), 1).empty()) path += ".md";
  }

  git_object* raw_object = nullptr;
  const std::string spec(revision);
  int code = git_revparse_single(&raw_object, repo.get(), spec.c_str());
  if (code == GIT_ENOTFOUND || code == GIT_EAMBIGUOUS || code == GIT_EINVALIDSPEC) {
    git_error_clear();
    throw GitError("unknown revision '" + spec + "'");
  }
  check(code, "cannot resolve revision '" + spec + "'");
  ObjectPtr object(raw_object);
  git_object* raw_commit = nullptr;
  check(git_object_peel(&raw_commit, object.get(), GIT_OBJECT_COMMIT), "'" + spec + "' is not a commit");
  CommitPtr commit(reinterpret_cast<git_commit*>(raw_commit));
  const git_oid* commit_id = git_commit_id(commit.get());

  // The note's name at that revision: its current name, or the name the
  // history walk knew it by in the newest of its commits reachable from there.
  std::string source = repo.to_repo_path(path);
  auto blob_id = blob_at(commit.get(), source);
  if (!blob_id) {
    for (const auto& entry : walk_history(repo, source, 0)) {
      git_oid entry_id{};
      check(git_oid_fromstr(&entry_id, entry.commit_id.c_str()), "bad commit id");
      if (git_oid_equal(&entry_id, commit_id) ||
          git_graph_descendant_of(repo.get(), commit_id, &entry_id) == 1) {
        source = repo.to_repo_path(entry.path);
        blob_id = blob_at(commit.get(), source);
        break;
      }
    }
    git_error_clear();
  }
  if (!blob_id) throw GitError("'" + path + "' did not exist at " + spec);

  git_blob* raw_blob = nullptr;
  check(git_blob_lookup(&raw_blob, repo.get(), &*blob_id), "cannot read the note's old content");
  BlobPtr blob(raw_blob);
  // As checkout would write it: .gitattributes filters (line endings...) applied.
  git_blob_filter_options filter_options;
  check(git_blob_filter_options_init(&filter_options, GIT_BLOB_FILTER_OPTIONS_VERSION), "git_blob_filter_options_init");
  Buf filtered;
  check(git_blob_filter(&filtered.value, blob.get(), source.c_str(), &filter_options), "cannot filter " + source);
  const std::string bytes = filtered.str();

  RestoreResult result{oid_hex(commit_id), repo.to_vault_path(source).value_or(source), false};
  const fs::path target = repo.vault / path;
  auto current = read_whole_file(target);
  if (current && *current == bytes) return result;
  fs::create_directories(target.parent_path());
  // Like every write to a note: temp file, fsync, mode kept, rename; and
  // abandoned if an editor saved the note between our read and the rename.
  WriteResult written = current ? atomic_write(target, bytes, std::string_view(*current)) : atomic_write(target, bytes);
  if (!written.error.empty()) throw GitError(written.error);
  if (!written.written) throw GitError(path + " changed while it was being restored; nothing was written, try again");
  result.changed = true;
  return result;
}

}  // namespace vaultlink
