#pragma once
// Owning handles for every libgit2 object the git_*.cpp files touch, and the
// one place libgit2 errors become exceptions. Private to core/.
#include <git2.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "vaultlink/git.hpp"

namespace vaultlink::gitx {

// libgit2 is reference-counted per git_libgit2_init call, so each object that
// talks to it holds one guard. Its setup is not cheap (Debian's build parses
// the system CA bundle for mbedTLS), so the first guard keeps one count for
// the life of the process: a long-running session pays it once, not per commit.
class Libgit2Guard {
 public:
  Libgit2Guard() {
    static const int kept_for_the_process = git_libgit2_init();
    (void)kept_for_the_process;
    git_libgit2_init();
  }
  ~Libgit2Guard() { git_libgit2_shutdown(); }
  Libgit2Guard(const Libgit2Guard&) { git_libgit2_init(); }
  Libgit2Guard& operator=(const Libgit2Guard&) = default;
};

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* object) const { Free(object); }
};

template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Owned<git_repository, git_repository_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using ReferencePtr = Owned<git_reference, git_reference_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;
using StatusListPtr = Owned<git_status_list, git_status_list_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using RemotePtr = Owned<git_remote, git_remote_free>;
using AnnotatedCommitPtr = Owned<git_annotated_commit, git_annotated_commit_free>;
using ConfigPtr = Owned<git_config, git_config_free>;

// A git_buf that frees itself.
struct Buf {
  git_buf value = GIT_BUF_INIT;
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&value); }
  std::string str() const { return value.ptr ? std::string(value.ptr, value.size) : std::string(); }
};

// The message of libgit2's last error on this thread, or a fallback.
inline std::string last_error_message() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "unknown libgit2 error";
}

// Throws GitError "<what>: <libgit2's message>" when `code` is negative.
inline void check(int code, std::string_view what) {
  if (code < 0) throw GitError(std::string(what) + ": " + last_error_message());
}

inline std::string oid_hex(const git_oid* oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, oid);
  return hex;
}

}  // namespace vaultlink::gitx
