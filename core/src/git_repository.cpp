// Finding the vault's repository, checking it is in a state where committing
// makes sense, and who the commits are by.
#include <fstream>
#include <sstream>

#include "git_repo.hpp"
#include "vaultlink/fs.hpp"

namespace fs = std::filesystem;

namespace vaultlink::gitx {

namespace {

std::string generic(const fs::path& path) {
  std::string text = path.generic_string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// Vault-relative prefix of `vault` inside `workdir`: "" or "a/b/".
std::string vault_prefix(const fs::path& workdir, const fs::path& vault) {
  fs::path relative = vault.lexically_relative(workdir);
  std::string text = generic(relative);
  if (text.empty() || text == ".") return "";
  if (text.starts_with("..")) throw GitError("the vault " + vault.string() + " is outside the repository's working directory " + workdir.string());
  return text + "/";
}

std::string_view state_name(int state) {
  switch (state) {
    case GIT_REPOSITORY_STATE_MERGE: return "a merge";
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert";
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick";
    case GIT_REPOSITORY_STATE_BISECT: return "a bisect";
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE: return "a rebase";
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "a git am";
    default: return "another git operation";
  }
}

std::optional<std::string> config_string(git_config* config, const char* name) {
  git_buf value = GIT_BUF_INIT;
  if (git_config_get_string_buf(&value, config, name) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  std::string text(value.ptr, value.size);
  git_buf_dispose(&value);
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

std::optional<std::string> VaultRepo::to_vault_path(std::string_view repo_path) const {
  if (!repo_path.starts_with(prefix)) return std::nullopt;
  return std::string(repo_path.substr(prefix.size()));
}

VaultRepo open_vault_repository(const fs::path& vault_in, bool init_if_missing) {
  VaultRepo result;
  std::error_code error;
  fs::path vault = fs::canonical(vault_in, error);
  if (error || !fs::is_directory(vault)) throw GitError("the vault folder " + vault_in.string() + " does not exist");
  result.vault = vault;

  git_repository* raw = nullptr;
  int code = git_repository_open_ext(&raw, vault.c_str(), 0, nullptr);
  if (code == GIT_ENOTFOUND) {
    git_error_clear();
    if (!init_if_missing)
      throw GitError("no git repository at or above " + vault.string() +
                     " (set gitInit to create one, or run git init)");
    check(git_repository_init(&raw, vault.c_str(), 0), "cannot create a git repository in " + vault.string());
  } else {
    check(code, "cannot open the git repository of " + vault.string());
  }
  result.repo.reset(raw);
  if (git_repository_is_bare(raw)) throw GitError("the repository at " + vault.string() + " is bare: it has no working directory to commit from");

  result.workdir = fs::canonical(git_repository_workdir(raw));
  result.git_dir = fs::path(git_repository_path(raw));
  result.prefix = vault_prefix(result.workdir, vault);
  return result;
}

void require_committable_state(const VaultRepo& repo, bool allow_merge) {
  int state = git_repository_state(repo.get());
  if (state != GIT_REPOSITORY_STATE_NONE && !(allow_merge && state == GIT_REPOSITORY_STATE_MERGE)) {
    throw GitError("the repository at " + repo.workdir.string() + " is in the middle of " +
                   std::string(state_name(state)) +
                   "; finish it or abort it with git first (vaultlink does not commit meanwhile)");
  }
  int detached = git_repository_head_detached(repo.get());
  check(detached, "cannot read HEAD");
  if (detached == 1)
    throw GitError("HEAD is detached in " + repo.workdir.string() +
                   "; check out a branch first (git switch <branch>) so commits are not lost");
}

std::string head_branch_ref(const VaultRepo& repo) {
  git_reference* raw = nullptr;
  check(git_reference_lookup(&raw, repo.get(), "HEAD"), "cannot read HEAD");
  ReferencePtr head(raw);
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) throw GitError("HEAD is detached; check out a branch first");
  return git_reference_symbolic_target(head.get());
}

CommitPtr head_commit(const VaultRepo& repo) {
  git_reference* raw = nullptr;
  int code = git_repository_head(&raw, repo.get());
  if (code == GIT_EUNBORNBRANCH || code == GIT_ENOTFOUND) {
    git_error_clear();
    return nullptr;
  }
  check(code, "cannot read HEAD");
  ReferencePtr head(raw);
  git_commit* commit = nullptr;
  check(git_reference_peel(reinterpret_cast<git_object**>(&commit), head.get(), GIT_OBJECT_COMMIT),
        "HEAD does not point at a commit");
  return CommitPtr(commit);
}

SignaturePtr make_signature(const VaultRepo& repo, const Settings& settings) {
  git_config* raw = nullptr;
  check(git_repository_config_snapshot(&raw, repo.get()), "cannot read git config");
  ConfigPtr config(raw);
  std::string name = config_string(config.get(), "user.name")
                         .value_or(settings.git_author_name.empty() ? "vaultlink" : settings.git_author_name);
  std::string email = config_string(config.get(), "user.email")
                          .value_or(settings.git_author_email.empty() ? "vaultlink@localhost" : settings.git_author_email);
  git_signature* signature = nullptr;
  check(git_signature_now(&signature, name.c_str(), email.c_str()), "invalid author '" + name + " <" + email + ">'");
  return SignaturePtr(signature);
}

bool is_never_committed(std::string_view path, const std::vector<std::string>& ignored_paths) {
  if (path == kConflictNoteName) return true;
  if (is_atomic_write_temp(path)) return true;  // left by a killed write; never the user's content
  for (std::string_view entry : ignored_paths) {
    while (entry.starts_with("./")) entry.remove_prefix(2);
    bool folder_only = entry.ends_with('/');
    if (folder_only) entry.remove_suffix(1);
    if (entry.empty()) continue;
    if (!folder_only && path == entry) return true;
    if (path.size() > entry.size() && path.starts_with(entry) && path[entry.size()] == '/') return true;
  }
  return false;
}

std::optional<std::string> read_whole_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(buffer).str();
}

}  // namespace vaultlink::gitx
