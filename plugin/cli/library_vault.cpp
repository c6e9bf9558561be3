#include "library_vault.hpp"

#include <unistd.h>

#include <cstdio>

namespace vaultlink::cli {
namespace {

// Parses and releases a JSON text the library handed out.
nlohmann::json take_json(char* text) {
  std::unique_ptr<char, void (*)(char*)> owned(text, vl_free);
  return nlohmann::json::parse(text);
}

// The C array of C strings a vl_*_options field points to; `texts` must outlive it.
std::vector<const char*> c_strings(const std::vector<std::string>& texts) {
  std::vector<const char*> out;
  for (const auto& text : texts) out.push_back(text.c_str());
  return out;
}

// Called by vl_vault_open_ex on this thread while the notes are read.
void print_progress(std::size_t done, std::size_t total, void*) {
  std::fprintf(stderr, "\rreading notes %zu/%zu", done, total);
  std::fflush(stderr);
}

// Where keep_until_exit() leaves the handle: volatile, so the store that
// keeps it reachable for leak checkers is not optimised away.
vl_vault* volatile kept_until_exit = nullptr;

}  // namespace

void check_call(int code) {
  if (code != VL_OK) throw LibraryError(code, vl_error_last());
}

LibraryVault::LibraryVault(const std::filesystem::path& root, const OpenOptions& options)
    : handle_(nullptr, vl_vault_close) {
  vl_open_options open = VL_OPEN_OPTIONS_INIT;
  open.use_cache = options.use_cache ? 1 : 0;
  open.defer_read = options.defer_read ? 1 : 0;
  const bool progress = options.show_progress && isatty(STDERR_FILENO);
  if (progress) open.progress = print_progress;
  vl_vault* vault = nullptr;
  const int code = vl_vault_open_ex(&vault, root.c_str(), nullptr, &open);
  if (progress) std::fputs("\r\033[K", stderr);
  check_call(code);
  handle_.reset(vault);
}

char* LibraryVault::check_text(const std::vector<std::string>& notes) {
  const std::vector<const char*> paths = c_strings(notes);
  vl_check_options options = VL_CHECK_OPTIONS_INIT;
  options.paths = paths.data();
  options.path_count = paths.size();
  options.reread = 0;  // just opened
  char* json = nullptr;
  check_call(vl_vault_check_ex(&json, handle_.get(), &options));
  return json;
}

nlohmann::json LibraryVault::check(const std::vector<std::string>& notes) { return take_json(check_text(notes)); }

nlohmann::json LibraryVault::check_each(const std::vector<std::string>& notes,
                                        const std::function<void(const nlohmann::json&)>& each) {
  std::unique_ptr<char, void (*)(char*)> text(check_text(notes), vl_free);
  // {"diagnostics":[{...},...],"summary":{...}}: the objects at depth 2 are
  // the diagnostics; each is passed on and dropped, so the tens of thousands
  // of a large vault are never held as a tree at once.
  nlohmann::json report = nlohmann::json::parse(
      text.get(), [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (depth == 2 && event == nlohmann::json::parse_event_t::object_end) {
          each(parsed);
          return false;
        }
        return true;
      });
  return std::move(report.at("summary"));
}

nlohmann::json LibraryVault::update_backlinks(const std::vector<std::string>& notes, bool check_only) {
  const std::vector<const char*> paths = c_strings(notes);
  vl_backlinks_options options = VL_BACKLINKS_OPTIONS_INIT;
  options.paths = paths.data();
  options.path_count = paths.size();
  options.check_only = check_only ? 1 : 0;
  options.reread = 0;  // just opened
  char* json = nullptr;
  check_call(vl_vault_backlinks_update(&json, handle_.get(), &options));
  return take_json(json);
}

nlohmann::json LibraryVault::commit(const std::string& message_template, const std::vector<std::string>& changed) {
  const std::vector<const char*> paths = c_strings(changed);
  vl_commit_options options = VL_COMMIT_OPTIONS_INIT;
  if (!message_template.empty()) options.message_template = message_template.c_str();
  options.changed_paths = paths.data();
  options.changed_path_count = paths.size();
  char* json = nullptr;
  check_call(vl_vault_commit(&json, handle_.get(), &options));
  return take_json(json);
}

nlohmann::json LibraryVault::auto_commit() {
  vl_commit_options options = VL_COMMIT_OPTIONS_INIT;
  options.if_auto_commit = 1;
  char* json = nullptr;
  check_call(vl_vault_commit(&json, handle_.get(), &options));
  return take_json(json);
}

nlohmann::json LibraryVault::sync(const std::string& message_template) {
  vl_sync_options options = VL_SYNC_OPTIONS_INIT;
  if (!message_template.empty()) options.message_template = message_template.c_str();
  char* json = nullptr;
  check_call(vl_vault_sync(&json, handle_.get(), &options));
  return take_json(json);
}

nlohmann::json LibraryVault::note_log(const std::string& note, std::size_t limit) {
  vl_log_options options = VL_LOG_OPTIONS_INIT;
  options.limit = limit;
  char* json = nullptr;
  check_call(vl_vault_note_log(&json, handle_.get(), note.c_str(), &options));
  return take_json(json);
}

nlohmann::json LibraryVault::restore(const std::string& note, const std::string& revision) {
  char* json = nullptr;
  check_call(vl_vault_restore(&json, handle_.get(), note.c_str(), revision.c_str()));
  return take_json(json);
}

void LibraryVault::watch_start() { check_call(vl_vault_watch_start(handle_.get())); }

void LibraryVault::watch_stop() { check_call(vl_vault_watch_stop(handle_.get())); }

int LibraryVault::event_fd() {
  int fd = -1;
  check_call(vl_vault_event_fd(&fd, handle_.get()));
  return fd;
}

nlohmann::json LibraryVault::next_event() {
  char* json = nullptr;
  const int code = vl_vault_next_event(&json, handle_.get());
  if (code == VL_EAGAIN) return nullptr;
  check_call(code);
  return take_json(json);
}

void LibraryVault::keep_until_exit() { kept_until_exit = handle_.release(); }

}  // namespace vaultlink::cli
