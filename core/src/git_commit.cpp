// commit_vault: stage what changed under the vault and commit it, or say
// plainly why not (nothing changed, conflicts still marked, a lock held, a
// state git itself would refuse).
#include <unistd.h>

#include <climits>

#include "git_repo.hpp"
#include "worktree_listing.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

namespace {

using namespace gitx;

std::string hostname() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

std::string merge_head_of(const VaultRepo& repo) {
  std::string head;
  int code = git_repository_mergehead_foreach(
      repo.get(),
      [](const git_oid* oid, void* payload) {
        auto* out = static_cast<std::string*>(payload);
        if (out->empty()) *out = oid_hex(oid);
        return 0;
      },
      &head);
  if (code < 0) git_error_clear();
  return head;
}

// Commits `tree` on HEAD with a message made for `result.files`, and
// records the commit in `result`.
git_oid commit_tree(const VaultRepo& repo, const Settings& settings, const CommitOptions& options, git_tree* tree,
                    const std::vector<const git_commit*>& parents, bool concluding_merge,
                    std::chrono::steady_clock::time_point deadline, CommitResult& result) {
  MessageContext context{options.now.value_or(std::chrono::system_clock::now()), hostname(), result.files};
  result.message = render_commit_message(
      options.message_template.empty() ? settings.git_message_template : options.message_template, context);
  if (concluding_merge) result.message = "Merge remote changes (conflicts resolved)\n\n" + result.message;
  git_oid id = create_commit(repo, settings, result.message, tree, parents, deadline);
  result.commit_id = oid_hex(&id);
  result.outcome = CommitOutcome::committed;
  return id;
}

TreePtr tree_of(const VaultRepo& repo, const git_oid& id) {
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, repo.get(), &id), "cannot read the new tree");
  return TreePtr(raw_tree);
}

}  // namespace

namespace gitx {

git_oid create_commit(const VaultRepo& repo, const Settings& settings, const std::string& message,
                      git_tree* tree, const std::vector<const git_commit*>& parents,
                      std::chrono::steady_clock::time_point deadline) {
  SignaturePtr signature = make_signature(repo, settings);
  std::vector<const git_commit*> parent_list = parents;
  git_oid id{};
  const fs::path ref_lock = repo.git_dir / (head_branch_ref(repo) + ".lock");
  retry_while_locked(
      ref_lock, deadline,
      [&] {
        return git_commit_create(&id, repo.get(), "HEAD", signature.get(), signature.get(), nullptr,
                                 message.c_str(), tree, parent_list.size(), parent_list.data());
      },
      "cannot create the commit");
  return id;
}

}  // namespace gitx

CommitResult commit_vault(const fs::path& vault, const Settings& settings, const CommitOptions& options) {
  const auto deadline = std::chrono::steady_clock::now() + options.lock_timeout;
  // Which of the vault's files changed needs no git to find out: the listing
  // starts now, on other threads, while libgit2 starts up and reads the index.
  std::optional<WorktreeListing> listing;
  if (!options.changed_paths) listing.emplace(vault);
  VaultRepo repo = open_vault_repository(vault, settings.git_init);
  CommitResult result;

  // A conflicted sync blocks every commit until its markers are gone.
  const fs::path note_path = conflict_note_path(repo);
  std::optional<ConflictNote> note = read_conflict_note(note_path);
  if (note) {
    result.unresolved = unresolved_conflicts(repo, *note);
    if (!result.unresolved.empty()) {
      result.outcome = CommitOutcome::conflicts_unresolved;
      return result;
    }
  }
  const bool in_merge = git_repository_state(repo.get()) == GIT_REPOSITORY_STATE_MERGE;
  const std::string merge_head = in_merge ? merge_head_of(repo) : std::string();
  const bool concluding_merge = in_merge && note && !note->merge_head.empty() && note->merge_head == merge_head;
  require_committable_state(repo, concluding_merge);

  CommitPtr parent = head_commit(repo);
  TreePtr head_tree;
  if (parent) {
    git_tree* tree = nullptr;
    check(git_commit_tree(&tree, parent.get()), "cannot read HEAD's tree");
    head_tree.reset(tree);
  }
  // The everyday commit: notes changed since our last commit, no conflict
  // to settle.
  if (parent && !note && !in_merge) {
    const auto* listed = options.changed_paths ? &*options.changed_paths : nullptr;
    if (auto own = stage_with_own_index(repo, settings, parent.get(), head_tree.get(), listed, listing, deadline)) {
      if (git_oid_equal(&own->tree_id, git_tree_id(head_tree.get()))) return result;  // nothing to commit
      TreePtr tree = tree_of(repo, own->tree_id);
      result.files = std::move(own->files);
      const git_oid id = commit_tree(repo, settings, options, tree.get(), {parent.get()}, false, deadline, result);
      if (own->index_at_head) record_index_at_head(repo, &own->index_checksum, id);
      return result;
    }
  }

  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.get()), "cannot open the git index");
  IndexPtr index(raw_index);
  wait_for_index_lock(repo, deadline);
  check(git_index_read(index.get(), false), "cannot read the git index");

  // A full commit also takes what was staged with git itself; one told its
  // changed paths (a watch session) commits just those. When the index is
  // still the one our last full commit left equal to HEAD, nothing was
  // staged with git, and what this commit stages is all there is.
  const bool full = !options.changed_paths && !concluding_merge;
  const bool compare_with_head =
      parent && !options.changed_paths && !index_at_recorded_head(repo, git_index_checksum(index.get()), *git_commit_id(parent.get()));
  std::vector<std::string> staged =
      options.changed_paths ? stage_listed_paths(repo, index.get(), settings, *options.changed_paths)
                            : stage_vault_changes(repo, index.get(), settings, "", listing ? &*listing : nullptr);

  bool state_left_staged = false;  // editor state staged with git, which we do not commit
  if (compare_with_head) staged = staged_since_head(repo, index.get(), head_tree.get(), settings, &state_left_staged);
  if (!parent && git_index_entrycount(index.get()) == 0) {
    result.outcome = CommitOutcome::nothing_to_commit;
    return result;
  }
  // Usually: HEAD's tree with just the staged paths replaced, which rewrites
  // only their folders. The first commit and a merge's conclusion take the
  // whole index (the merge brought in the other side's changes).
  git_oid tree_id{};
  if (head_tree && !concluding_merge) {
    tree_id = updated_tree(repo, staged_in(index.get()), head_tree.get(), staged, result.files);
  } else {
    check(git_index_write_tree(&tree_id, index.get()), "cannot write the tree (are conflicts left in the index?)");
  }
  TreePtr tree = tree_of(repo, tree_id);
  const bool unchanged = head_tree && git_oid_equal(git_tree_id(head_tree.get()), &tree_id);
  if (unchanged && !concluding_merge) {
    if (note) fs::remove(note_path);  // stale: its conflicts were settled outside vaultlink
    result.files.clear();
    result.outcome = CommitOutcome::nothing_to_commit;
    return result;
  }
  if (!head_tree || concluding_merge) result.files = tree_changes(repo, head_tree.get(), tree.get());

  retry_while_locked(index_lock_path(repo), deadline, [&] { return git_index_write(index.get()); },
                     "cannot write the git index");

  std::vector<const git_commit*> parents;
  if (parent) parents.push_back(parent.get());
  CommitPtr merged;
  if (concluding_merge) {
    git_oid merged_id{};
    check(git_oid_fromstr(&merged_id, merge_head.c_str()), "invalid MERGE_HEAD");
    git_commit* raw = nullptr;
    check(git_commit_lookup(&raw, repo.get(), &merged_id), "cannot read the merged commit");
    merged.reset(raw);
    parents.push_back(merged.get());
  }

  const git_oid id = commit_tree(repo, settings, options, tree.get(), parents, concluding_merge, deadline, result);
  // The new tree is HEAD's with every difference from the index applied,
  // unless editor state stayed staged or conflicts stayed in the index.
  if (full && parent && !state_left_staged && !git_index_has_conflicts(index.get()))
    record_index_at_head(repo, git_index_checksum(index.get()), id);
  if (concluding_merge) {
    check(git_repository_state_cleanup(repo.get()), "cannot end git's merge state");
    result.concluded_merge = true;
  }
  if (note) fs::remove(note_path);
  return result;
}

}  // namespace vaultlink
