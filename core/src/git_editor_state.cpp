// EditorStateAside: keeps never-committed editor state out of sync's way.
#include <fstream>
#include <set>

#include "git_repo.hpp"
#include "vaultlink/fs.hpp"

namespace fs = std::filesystem;

namespace vaultlink::gitx {

namespace {

struct Collect {
  const VaultRepo* repo;
  const Settings* settings;
  std::set<std::string>* paths;
};

int collect_never_committed(const char* root, const git_tree_entry* entry, void* payload) {
  auto& collect = *static_cast<Collect*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
  std::string path = std::string(root) + git_tree_entry_name(entry);
  auto vault_path = collect.repo->to_vault_path(path);
  if (vault_path && is_never_committed(*vault_path, collect.settings->git_ignored_paths)) collect.paths->insert(path);
  return 0;
}

// HEAD's bytes of `path`, or nullopt when HEAD does not track it.
std::optional<std::string> blob_bytes(const VaultRepo& repo, git_tree* tree, const std::string& path) {
  if (!tree) return std::nullopt;
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  TreeEntryPtr entry(raw);
  git_blob* blob = nullptr;
  check(git_blob_lookup(&blob, repo.get(), git_tree_entry_id(entry.get())), "cannot read " + path);
  BlobPtr owned(blob);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob)),
                     static_cast<std::size_t>(git_blob_rawsize(blob)));
}

}  // namespace

EditorStateAside::EditorStateAside(const VaultRepo& repo, const Settings& settings, git_tree* ours, git_tree* theirs)
    : workdir_(repo.workdir) {
  std::set<std::string> paths;
  Collect collect{&repo, &settings, &paths};
  for (git_tree* tree : {ours, theirs})
    if (tree) check(git_tree_walk(tree, GIT_TREEWALK_PRE, collect_never_committed, &collect), "cannot walk a tree");

  for (const auto& path : paths) {
    const fs::path file = workdir_ / path;
    auto bytes = read_whole_file(file);
    if (!bytes) continue;  // not on this machine: nothing to keep
    auto committed = blob_bytes(repo, ours, path);
    if (committed && *committed == *bytes) continue;  // clean already
    saved_.emplace_back(path, std::move(*bytes));
    if (committed) {
      WriteResult reset = atomic_write(file, *committed);
      if (!reset.error.empty()) throw GitError(reset.error);
    } else {
      fs::remove(file);
    }
  }
}

void EditorStateAside::put_back() {
  auto saved = std::move(saved_);
  saved_.clear();
  std::string failures;
  for (const auto& [path, bytes] : saved) {
    const fs::path file = workdir_ / path;
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    WriteResult written = atomic_write(file, bytes);
    if (!written.error.empty()) failures += (failures.empty() ? "" : "; ") + written.error;
  }
  if (!failures.empty()) throw GitError("cannot put this machine's editor state back: " + failures);
}

EditorStateAside::~EditorStateAside() {
  try {
    put_back();
  } catch (...) {
    // Destructors must not throw; put_back() was already called on success paths.
  }
}

}  // namespace vaultlink::gitx
