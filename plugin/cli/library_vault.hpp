#pragma once
// The CLI's only way into the engine: libvaultlink's C ABI (vaultlink.h), the
// library every editor host loads, so each CLI test exercises it. Results
// arrive as the library's JSON; a failing call throws LibraryError with the
// library's code and sentence.
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink.h"

namespace vaultlink::cli {

struct LibraryError : std::runtime_error {
  LibraryError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;  // a VL_E* value
};

struct OpenOptions {
  bool use_cache = false;     // the vault's index cache in .vaultlink/ (see vl_open_options)
  bool show_progress = false; // "reading notes N/M" on stderr when it is a terminal
  bool defer_read = false;    // for commands that only use git (see vl_open_options)
};

// One open vault (vl_vault *), closed when destroyed.
class LibraryVault {
 public:
  LibraryVault(const std::filesystem::path& root, const OpenOptions& options);

  // vl_vault_check_ex of the vault as opened (not read again); `notes`
  // (vault-relative) limit the report, empty: every note.
  nlohmann::json check(const std::vector<std::string>& notes);
  // The same, handing each diagnostic object to `each` as it is parsed (in
  // report order) instead of keeping them all; returns the report's "summary".
  nlohmann::json check_each(const std::vector<std::string>& notes,
                            const std::function<void(const nlohmann::json&)>& each);
  nlohmann::json update_backlinks(const std::vector<std::string>& notes, bool check_only);
  // `changed`: the paths a caller knows changed (vault-relative), empty: scan everything.
  nlohmann::json commit(const std::string& message_template, const std::vector<std::string>& changed = {});
  // A commit as the watcher makes them: {"outcome": "skipped", "skipped": why} when auto-commit is off.
  nlohmann::json auto_commit();
  nlohmann::json sync(const std::string& message_template);
  nlohmann::json note_log(const std::string& note, std::size_t limit);
  nlohmann::json restore(const std::string& note, const std::string& revision);

  void watch_start();
  void watch_stop();
  int event_fd();
  // The next event, or null when the queue is empty.
  nlohmann::json next_event();

  // Leaves the handle open at exit: a process about to end would spend a
  // large part of a warm run freeing the index's many small allocations (as
  // clang's -disable-free saves). The handle stays reachable, so leak
  // checkers do not flag it.
  void keep_until_exit();

 private:
  char* check_text(const std::vector<std::string>& notes);  // vl_vault_check_ex's JSON, to vl_free

  std::unique_ptr<vl_vault, void (*)(vl_vault*)> handle_;
};

// Throws LibraryError with vl_error_last() when `code` is not VL_OK.
void check_call(int code);

}  // namespace vaultlink::cli
