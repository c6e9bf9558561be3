// sync_vault: commit, fetch, integrate, push. Integration follows git's own
// choices: nothing, a fast-forward, or a merge commit; a conflicting merge is
// left exactly as `git merge` leaves it (markers in the files, MERGE_HEAD, the
// conflicts in the index) plus the conflict note, so the user can finish it
// by editing notes in the editor or with the git CLI.
#include <set>

#include "git_repo.hpp"

namespace fs = std::filesystem;

namespace vaultlink {

namespace {

using namespace gitx;

std::string short_branch(const std::string& ref) {
  constexpr std::string_view heads = "refs/heads/";
  return ref.starts_with(heads) ? ref.substr(heads.size()) : ref;
}

CommitPtr lookup_commit(const VaultRepo& repo, const git_oid* id) {
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo.get(), id), "cannot read commit " + oid_hex(id));
  return CommitPtr(raw);
}

TreePtr commit_tree(const git_commit* commit) {
  git_tree* raw = nullptr;
  check(git_commit_tree(&raw, commit), "cannot read a commit's tree");
  return TreePtr(raw);
}

// Moves HEAD's branch to `target` and updates the working directory, refusing
// (SAFE) to overwrite anything not committed.
void fast_forward(const VaultRepo& repo, const std::string& branch_ref, const git_oid* target, bool unborn) {
  CommitPtr commit = lookup_commit(repo, target);
  git_checkout_options checkout;
  check(git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION), "git_checkout_options_init");
  checkout.checkout_strategy = GIT_CHECKOUT_SAFE;
  if (unborn) checkout.checkout_strategy |= GIT_CHECKOUT_DONT_UPDATE_INDEX;
  check(git_checkout_tree(repo.get(), reinterpret_cast<const git_object*>(commit.get()), &checkout),
        "cannot update the vault to the remote's version (local files in the way?)");
  git_reference* raw = nullptr;
  const std::string log = "vaultlink sync: fast-forward";
  if (unborn) {
    check(git_reference_create(&raw, repo.get(), branch_ref.c_str(), target, 0, log.c_str()),
          "cannot create " + branch_ref);
  } else {
    git_reference* current = nullptr;
    check(git_reference_lookup(&current, repo.get(), branch_ref.c_str()), "cannot read " + branch_ref);
    ReferencePtr owned(current);
    check(git_reference_set_target(&raw, current, target, log.c_str()), "cannot move " + branch_ref);
  }
  ReferencePtr moved(raw);
  if (unborn) {
    // The index was left alone above so checkout did not see every file as a
    // conflict; now make it match the new HEAD.
    git_index* index = nullptr;
    check(git_repository_index(&index, repo.get()), "cannot open the git index");
    IndexPtr owned(index);
    git_tree* tree = nullptr;
    check(git_commit_tree(&tree, commit.get()), "cannot read the tree");
    TreePtr owned_tree(tree);
    check(git_index_read_tree(index, tree), "cannot update the git index");
    check(git_index_write(index), "cannot write the git index");
  }
}

std::vector<std::string> conflicted_paths(const VaultRepo& repo, git_index* index) {
  git_index_conflict_iterator* raw = nullptr;
  check(git_index_conflict_iterator_new(&raw, index), "cannot list conflicts");
  std::unique_ptr<git_index_conflict_iterator, Deleter<git_index_conflict_iterator, git_index_conflict_iterator_free>>
      iterator(raw);
  std::set<std::string> paths;
  const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
  while (git_index_conflict_next(&ancestor, &ours, &theirs, iterator.get()) == 0) {
    for (const git_index_entry* entry : {ours, theirs, ancestor}) {
      if (entry) {
        paths.insert(repo.to_vault_path(entry->path).value_or(entry->path));
        break;
      }
    }
  }
  git_error_clear();
  return {paths.begin(), paths.end()};
}

void merge(const VaultRepo& repo, const Settings& settings, const git_annotated_commit* theirs,
           const std::string& upstream_name, SyncResult& result, std::chrono::steady_clock::time_point deadline) {
  git_merge_options merge_options;
  check(git_merge_options_init(&merge_options, GIT_MERGE_OPTIONS_VERSION), "git_merge_options_init");
  git_checkout_options checkout;
  check(git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION), "git_checkout_options_init");
  checkout.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
  checkout.our_label = "this machine";
  checkout.their_label = upstream_name.c_str();

  wait_for_index_lock(repo, deadline);
  const git_annotated_commit* heads[] = {theirs};
  check(git_merge(repo.get(), heads, 1, &merge_options, &checkout), "cannot merge " + upstream_name);

  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.get()), "cannot open the git index");
  IndexPtr index(raw_index);
  if (git_index_has_conflicts(index.get())) {
    result.merge = MergeOutcome::conflicts;
    result.conflicted = conflicted_paths(repo, index.get());
    result.conflict_note = conflict_note_path(repo);
    write_conflict_note(result.conflict_note,
                        ConflictNote{oid_hex(git_annotated_commit_id(theirs)), result.conflicted});
    return;
  }

  git_oid tree_id{};
  check(git_index_write_tree(&tree_id, index.get()), "cannot write the merged tree");
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, repo.get(), &tree_id), "cannot read the merged tree");
  TreePtr tree(raw_tree);
  CommitPtr ours = head_commit(repo);
  CommitPtr their_commit = lookup_commit(repo, git_annotated_commit_id(theirs));
  std::string message = "vaultlink sync: merge " + upstream_name + "\n";
  git_oid id = create_commit(repo, settings, message, tree.get(), {ours.get(), their_commit.get()}, deadline);
  check(git_repository_state_cleanup(repo.get()), "cannot end git's merge state");
  result.merge = MergeOutcome::merged;
  result.merge_commit_id = oid_hex(&id);
}

void push(const VaultRepo& repo, git_remote* remote, const std::string& branch_ref, RemoteSession& session) {
  git_push_options options;
  check(git_push_options_init(&options, GIT_PUSH_OPTIONS_VERSION), "git_push_options_init");
  session.credentials_tried = 0;  // a new connection may ask again
  options.callbacks = session.callbacks;
  std::string refspec = branch_ref + ":" + branch_ref;
  char* specs[] = {refspec.data()};
  git_strarray refspecs{specs, 1};
  check(git_remote_push(remote, &refspecs, &options), std::string("cannot push to ") + git_remote_name(remote));
  if (!session.push_rejection.empty())
    throw GitError("the remote refused the push (" + session.push_rejection +
                   "); it probably changed meanwhile — run sync again");

  // Record the upstream once so `git status` and `git pull` agree with
  // vaultlink. Written as the two config keys git itself writes, because
  // libgit2 1.5's git_branch_set_upstream leaks pcre2 match data.
  git_config* raw_config = nullptr;
  if (git_repository_config(&raw_config, repo.get()) == 0) {
    ConfigPtr config(raw_config);
    const std::string section = "branch." + short_branch(branch_ref);
    git_buf existing = GIT_BUF_INIT;
    if (git_config_get_string_buf(&existing, config.get(), (section + ".remote").c_str()) != 0) {
      git_config_set_string(config.get(), (section + ".remote").c_str(), git_remote_name(remote));
      git_config_set_string(config.get(), (section + ".merge").c_str(), branch_ref.c_str());
    }
    git_buf_dispose(&existing);
  }
  git_error_clear();
}

}  // namespace

SyncResult sync_vault(const fs::path& vault, const Settings& settings, const CommitOptions& options) {
  SyncResult result;
  result.local_commit = commit_vault(vault, settings, options);
  if (result.local_commit.outcome == CommitOutcome::conflicts_unresolved) {
    VaultRepo repo = open_vault_repository(vault, false);
    result.merge = MergeOutcome::conflicts;
    result.conflicted = result.local_commit.unresolved;
    result.conflict_note = conflict_note_path(repo);
    return result;
  }

  const auto deadline = std::chrono::steady_clock::now() + options.lock_timeout;
  VaultRepo repo = open_vault_repository(vault, false);
  require_committable_state(repo, false);
  const std::string branch_ref = head_branch_ref(repo);
  const std::string remote_name = settings.git_remote.empty() ? "origin" : settings.git_remote;

  git_remote* raw_remote = nullptr;
  int code = git_remote_lookup(&raw_remote, repo.get(), remote_name.c_str());
  if (code == GIT_ENOTFOUND || code == GIT_EINVALIDSPEC) {
    git_error_clear();
    throw GitError("the repository has no remote named '" + remote_name +
                   "' (add one with: git remote add " + remote_name + " URL, or set gitRemote)");
  }
  check(code, "cannot read remote " + remote_name);
  RemotePtr remote(raw_remote);

  RemoteSession session;
  git_fetch_options fetch_options;
  check(git_fetch_options_init(&fetch_options, GIT_FETCH_OPTIONS_VERSION), "git_fetch_options_init");
  fetch_options.callbacks = session.callbacks;
  check(git_remote_fetch(remote.get(), nullptr, &fetch_options, "vaultlink sync: fetch"),
        "cannot fetch from " + remote_name + " (" + (git_remote_url(remote.get()) ? git_remote_url(remote.get()) : "") + ")");

  const std::string branch = short_branch(branch_ref);
  const std::string tracking_ref = "refs/remotes/" + remote_name + "/" + branch;
  const std::string upstream_name = remote_name + "/" + branch;
  CommitPtr local = head_commit(repo);

  git_reference* raw_tracking = nullptr;
  code = git_reference_lookup(&raw_tracking, repo.get(), tracking_ref.c_str());
  if (code == GIT_ENOTFOUND) {
    git_error_clear();
    result.merge = MergeOutcome::no_remote_branch;
  } else {
    check(code, "cannot read " + tracking_ref);
    ReferencePtr tracking(raw_tracking);
    git_annotated_commit* raw_theirs = nullptr;
    check(git_annotated_commit_from_ref(&raw_theirs, repo.get(), tracking.get()), "cannot read " + tracking_ref);
    AnnotatedCommitPtr theirs(raw_theirs);
    const git_annotated_commit* heads[] = {theirs.get()};
    git_merge_analysis_t analysis{};
    git_merge_preference_t preference{};
    check(git_merge_analysis(&analysis, &preference, repo.get(), heads, 1), "cannot compare with " + upstream_name);

    if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
      result.merge = MergeOutcome::up_to_date;
    } else {
      TreePtr our_tree = local ? commit_tree(local.get()) : nullptr;
      CommitPtr their_commit = lookup_commit(repo, git_annotated_commit_id(theirs.get()));
      TreePtr their_tree = commit_tree(their_commit.get());
      EditorStateAside editor_state(repo, settings, our_tree.get(), their_tree.get());
      if (analysis & GIT_MERGE_ANALYSIS_UNBORN) {
        fast_forward(repo, branch_ref, git_annotated_commit_id(theirs.get()), true);
        result.merge = MergeOutcome::fast_forwarded;
      } else if ((analysis & GIT_MERGE_ANALYSIS_FASTFORWARD) &&
                 !(preference & GIT_MERGE_PREFERENCE_NO_FASTFORWARD)) {
        fast_forward(repo, branch_ref, git_annotated_commit_id(theirs.get()), false);
        result.merge = MergeOutcome::fast_forwarded;
      } else {
        merge(repo, settings, theirs.get(), upstream_name, result, deadline);
      }
      editor_state.put_back();
      if (result.merge == MergeOutcome::conflicts) return result;
    }
  }

  // Push only what the remote lacks.
  CommitPtr now = head_commit(repo);
  if (!now) return result;  // nothing on either side yet
  bool ahead = true;
  git_reference* raw_after = nullptr;
  if (git_reference_lookup(&raw_after, repo.get(), tracking_ref.c_str()) == 0) {
    ReferencePtr after(raw_after);
    const git_oid* remote_id = git_reference_target(after.get());
    std::size_t ahead_count = 0, behind_count = 0;
    if (remote_id &&
        git_graph_ahead_behind(&ahead_count, &behind_count, repo.get(), git_commit_id(now.get()), remote_id) == 0)
      ahead = ahead_count > 0;
  }
  git_error_clear();
  if (ahead) {
    push(repo, remote.get(), branch_ref, session);
    result.pushed = true;
  }
  return result;
}

}  // namespace vaultlink
