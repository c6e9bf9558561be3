#include "server.hpp"

#include <poll.h>

#include <cerrno>
#include <csignal>
#include <deque>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "client_support.hpp"
#include "diagnostics.hpp"
#include "features.hpp"
#include "file_uri.hpp"
#include "message_reader.hpp"
#include "message_writer.hpp"
#include "outgoing_requests.hpp"
#include "rpc_dispatcher.hpp"
#include "startup_hold.hpp"
#include "vault_watcher.hpp"
#include "watched_files.hpp"
#include "workspace.hpp"

namespace vaultlink::lsp {
namespace {

nlohmann::json server_capabilities(const ClientSupport& client) {
  return {{"positionEncoding", encoding_name(client.encoding)},
          {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
          {"definitionProvider", true},
          {"referencesProvider", true},
          {"hoverProvider", true},
          {"completionProvider", {{"triggerCharacters", {"[", "#", "^"}}}},
          {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
          // prepareProvider only for clients that say they send prepareRename.
          {"renameProvider", client.prepare_rename ? nlohmann::json{{"prepareProvider", true}} : nlohmann::json(true)},
          {"documentSymbolProvider", true}};
}

// The vault is the first workspace folder, else rootUri, else rootPath, else the current folder.
std::filesystem::path vault_root(const nlohmann::json& params) {
  const auto folders = params.value("workspaceFolders", nlohmann::json());
  if (folders.is_array() && !folders.empty())
    if (auto path = path_from_uri(folders[0].at("uri").get<std::string>())) return *path;
  if (const auto uri = params.value("rootUri", nlohmann::json()); uri.is_string())
    if (auto path = path_from_uri(uri.get<std::string>())) return *path;
  if (const auto path = params.value("rootPath", nlohmann::json()); path.is_string()) return path.get<std::string>();
  return std::filesystem::current_path();
}

// The vault folder, as the engine names it; RpcError when it is no folder.
std::filesystem::path existing_folder(const std::filesystem::path& root) {
  std::error_code error;
  if (!std::filesystem::is_directory(root, error))
    throw RpcError(rpc_error::request_failed, "cannot open the vault: not a folder: " + root.string());
  auto canonical = std::filesystem::canonical(root, error);
  if (error) throw RpcError(rpc_error::request_failed, "cannot open the vault: " + root.string() + ": " + error.message());
  return canonical;
}

// How long a client that says it answers workspace/configuration is given to
// answer before the vault is loaded without its settings.
constexpr std::chrono::seconds kSettingsWait{2};

class LanguageServer {
 public:
  LanguageServer(int input_fd, int output_fd)
      : reader_(input_fd), output_fd_(output_fd), publisher_([this](const nlohmann::json& message) { send(message); }) {
    register_lifecycle();
    register_documents();
    register_features();
    dispatcher_.set_error_log([this](const std::string& text) { log(1, text); });
    dispatcher_.set_response_handler([this](const nlohmann::json& response) { outgoing_.take_response(response); });
  }

  int run();

 private:
  void send(const nlohmann::json& message) {
    // Note text may hold invalid UTF-8; it reaches the client replaced, never as an exception.
    if (!write_message(output_fd_, message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)))
      client_gone_ = true;
  }
  void log(int type, const std::string& text) {
    send({{"jsonrpc", "2.0"}, {"method", "window/logMessage"}, {"params", {{"type", type}, {"message", text}}}});
  }
  void show(int type, const std::string& text) {
    send({{"jsonrpc", "2.0"}, {"method", "window/showMessage"}, {"params", {{"type", type}, {"message", text}}}});
  }

  // Sends a request to the client; `on_result` gets its result, an error is
  // logged, then `on_error` runs.
  void request(std::string method, nlohmann::json params, std::function<void(const nlohmann::json&)> on_result,
               std::function<void()> on_error = {});

  // Settings from the client: pulled with workspace/configuration when the
  // client answers it, else pushed with didChangeConfiguration. They overlay
  // initializationOptions, which overlay the vault's settings file.
  void pull_configuration();
  void apply_client_settings(const nlohmann::json& section);

  // Start-up: the vault is loaded once, with the client's settings when it
  // answers workspace/configuration (see startup_hold.hpp), then served.
  void open_vault(nlohmann::json overrides);
  void start_serving(nlohmann::json overrides);
  void settings_not_answered();
  void announce_vault();

  void register_lifecycle();
  void register_documents();
  void register_features();
  nlohmann::json initialize(const nlohmann::json& params);
  void on_initialized();

  // Diagnostics: buffers are re-checked once the input is drained (a burst
  // of keystrokes costs one check); notes on disk after every engine update.
  void mark_dirty(const std::string& uri) { dirty_.insert(uri); }
  void publish_pending();
  void publish_note(const std::string& path) { publisher_.publish(workspace_->uri_of(path), current_diagnostics(*workspace_, path)); }
  void after_engine_update(const std::vector<std::string>& changed_notes);
  void apply_changes(const ChangeBatch& batch) { after_engine_update(workspace_->session().apply(batch)); }
  // Before every full load: the watcher follows the settings being loaded.
  void watch_with(const Settings& settings);
  void take_watcher_batch();
  std::optional<FramedMessage> next_message();

  MessageReader reader_;
  int output_fd_;
  Dispatcher dispatcher_;
  OutgoingRequests outgoing_;
  DiagnosticsPublisher publisher_;
  std::unique_ptr<Workspace> workspace_;  // set once the vault is loaded
  VaultWatcher watcher_;
  // From initialize: what the client supports, the vault folder, its options.
  bool initialize_answered_ = false;
  ClientSupport client_;
  std::filesystem::path root_;
  nlohmann::json initialization_options_ = nlohmann::json::object();
  StartupHold startup_;
  std::deque<std::string> replay_;  // messages kept during start-up, served next
  std::set<std::string> dirty_;
  bool shutdown_requested_ = false;
  bool exit_requested_ = false;
  bool client_gone_ = false;
};

void LanguageServer::register_lifecycle() {
  dispatcher_.set_gate([this](std::string_view method, bool is_request) {
    if (method == "exit") return;
    // A request sees the diagnostics of every edit sent before it (code actions read them).
    if (is_request && workspace_) publish_pending();
    // `initialized` may come before the vault is loaded (it waits for the client's settings).
    const bool allowed_early = method == "initialize" || (method == "initialized" && initialize_answered_);
    if (!workspace_ && !allowed_early) throw RpcError(rpc_error::server_not_initialized, "the server is not initialized");
    if (shutdown_requested_) {
      if (is_request) throw RpcError(rpc_error::invalid_request, "the server is shutting down");
      throw RpcError(rpc_error::server_not_initialized, "ignored after shutdown");  // dropped silently
    }
  });
  dispatcher_.on_request("initialize", [this](const nlohmann::json& params) { return initialize(params); });
  dispatcher_.on_notification("initialized", [this](const nlohmann::json&) { on_initialized(); });
  dispatcher_.on_request("shutdown", [this](const nlohmann::json&) {
    shutdown_requested_ = true;
    return nlohmann::json();
  });
  dispatcher_.on_notification("exit", [this](const nlohmann::json&) { exit_requested_ = true; });
  dispatcher_.on_notification("workspace/didChangeConfiguration", [this](const nlohmann::json& params) {
    // A client that answers workspace/configuration is asked (what it pushes
    // may be null or every server's settings); another one pushes ours.
    if (client_.configuration) return pull_configuration();
    const auto& settings = params.value("settings", nlohmann::json());
    if (!settings.is_object()) return;  // it only says "something changed", and cannot be asked
    apply_client_settings(settings.value("vaultlink", nlohmann::json()));
  });
  dispatcher_.on_notification("workspace/didChangeWatchedFiles", [this](const nlohmann::json& params) {
    apply_changes(change_batch_from(*workspace_, params));
  });
}

void LanguageServer::register_documents() {
  dispatcher_.on_notification("textDocument/didOpen", [this](const nlohmann::json& params) {
    const auto& document = params.at("textDocument");
    const std::string& uri = document.at("uri").get_ref<const std::string&>();
    if (!workspace_->path_of(uri)) return;  // files outside the vault are not ours
    workspace_->documents().open(uri, document.at("text").get<std::string>(), document.value("version", 0LL));
    mark_dirty(uri);
  });
  dispatcher_.on_notification("textDocument/didChange", [this](const nlohmann::json& params) {
    const auto& document = params.at("textDocument");
    const std::string& uri = document.at("uri").get_ref<const std::string&>();
    workspace_->documents().change(uri, document.value("version", 0LL), params.at("contentChanges"));
    if (workspace_->documents().find(uri)) mark_dirty(uri);
  });
  dispatcher_.on_notification("textDocument/didSave", [this](const nlohmann::json& params) {
    const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
    auto path = workspace_->path_of(uri);
    if (!path) return;
    // Other notes see a saved note at once, without waiting for the watcher.
    apply_changes(ChangeBatch{{{FileChange::Kind::modified, *path, {}}}, false, {}});
    mark_dirty(uri);
  });
  dispatcher_.on_notification("textDocument/didClose", [this](const nlohmann::json& params) {
    const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
    workspace_->close_document(uri);
    dirty_.erase(uri);
    // The note now shows what the file on disk has.
    if (auto path = workspace_->path_of(uri)) publisher_.publish(uri, current_diagnostics(*workspace_, *path));
  });
}

void LanguageServer::register_features() {
  using Feature = nlohmann::json (*)(const Workspace&, const nlohmann::json&);
  const std::pair<const char*, Feature> features[] = {
      {"textDocument/definition", definition},   {"textDocument/references", references},
      {"textDocument/hover", hover},             {"textDocument/completion", completion},
      {"textDocument/documentSymbol", document_symbols}, {"textDocument/rename", rename},
      {"textDocument/prepareRename", prepare_rename},
  };
  for (const auto& [method, feature] : features)
    dispatcher_.on_request(method, [this, feature = feature](const nlohmann::json& params) { return feature(*workspace_, params); });
  dispatcher_.on_request("textDocument/codeAction",
                         [this](const nlohmann::json& params) { return code_actions(publisher_, params); });
}

nlohmann::json LanguageServer::initialize(const nlohmann::json& params) {
  if (initialize_answered_) throw RpcError(rpc_error::invalid_request, "initialize was already sent");
  client_ = client_support(params.value("capabilities", nlohmann::json::object()));
  const auto options = params.find("initializationOptions");
  if (options != params.end() && options->is_object()) initialization_options_ = *options;
  root_ = existing_folder(vault_root(params));
  // A client that answers workspace/configuration is asked once it sends
  // `initialized`; loading now would load again when its settings differ.
  if (client_.configuration)
    startup_.start(StartupHold::Clock::now() + kSettingsWait);
  else
    open_vault(initialization_options_);
  initialize_answered_ = true;
  return {{"capabilities", server_capabilities(client_)},
          {"serverInfo", {{"name", "vaultlink"}, {"version", VAULTLINK_VERSION}}}};
}

void LanguageServer::open_vault(nlohmann::json overrides) {
  LoadObserver observer{[this](const Settings& settings) { watch_with(settings); },
                        [this](const Vault& vault, std::chrono::milliseconds took) {
                          log(3, "vaultlink: loaded " + std::to_string(vault.index().files().size()) + " files of " +
                                     vault.root().string() + " in " + std::to_string(took.count()) + " ms");
                        }};
  try {
    workspace_ = std::make_unique<Workspace>(root_, std::move(overrides), client_, std::move(observer));
  } catch (const std::exception& error) {
    throw RpcError(rpc_error::request_failed, std::string("cannot open the vault: ") + error.what());
  }
}

void LanguageServer::start_serving(nlohmann::json overrides) {
  // What the client sent meanwhile is served next, in order (after the
  // vault is loaded, or refused if it cannot be).
  for (auto& body : startup_.release()) replay_.push_back(std::move(body));
  try {
    open_vault(std::move(overrides));
  } catch (const RpcError& error) {
    show(1, std::string("vaultlink: ") + error.what());
    return;
  }
  announce_vault();
}

void LanguageServer::settings_not_answered() {
  log(2, "vaultlink: the client did not answer workspace/configuration within " + std::to_string(kSettingsWait.count()) +
             " s; the vault is loaded with initializationOptions (its answer applies when it comes)");
  start_serving(initialization_options_);
}

void LanguageServer::announce_vault() {
  if (!workspace_->session().settings_error().empty())
    show(1, "vaultlink settings: " + workspace_->session().settings_error() + " (using the defaults)");
  for (const auto& path : workspace_->session().notes_with_diagnostics()) publish_note(path);
}

void LanguageServer::request(std::string method, nlohmann::json params,
                             std::function<void(const nlohmann::json&)> on_result, std::function<void()> on_error) {
  send(outgoing_.request(method, std::move(params),
                         [this, method, on_result = std::move(on_result), on_error = std::move(on_error)](
                             const nlohmann::json& result, const nlohmann::json* error) {
                           if (!error) return on_result(result);
                           const auto message = error->is_object() ? error->find("message") : error->end();
                           log(2, "vaultlink: the client answered " + method + " with an error: " +
                                      (message != error->end() && message->is_string() ? message->get<std::string>()
                                                                                       : error->dump()));
                           if (on_error) on_error();
                         }));
}

void LanguageServer::pull_configuration() {
  const nlohmann::json item = {{"scopeUri", uri_from_path(root_)}, {"section", "vaultlink"}};
  request(
      "workspace/configuration", {{"items", {item}}},
      [this](const nlohmann::json& result) {
        // One answer per item; null means the client has no "vaultlink" settings.
        apply_client_settings(result.is_array() && !result.empty() ? result[0] : nlohmann::json());
      },
      [this] {
        if (startup_.active()) start_serving(initialization_options_);
      });
}

void LanguageServer::apply_client_settings(const nlohmann::json& section) {
  if (shutdown_requested_) return;  // an answer arriving after shutdown
  const bool usable = section.is_null() || section.is_object();
  if (!usable)
    show(1, "vaultlink settings from the editor must be an object, not " + section.dump() +
                (startup_.active() ? " (using initializationOptions)" : " (the previous settings stay in force)"));
  nlohmann::json overrides = initialization_options_;
  if (section.is_object()) overrides.merge_patch(section);
  if (startup_.active()) {  // the first load
    // Settings the loader rejects leave initializationOptions in force, as
    // they leave the previous settings in force later on.
    if (const auto problem = overrides == initialization_options_ ? "" : EngineSession::settings_problem(root_, overrides);
        !problem.empty()) {
      show(1, "vaultlink settings: " + problem + " (using initializationOptions)");
      overrides = initialization_options_;
    }
    return start_serving(std::move(overrides));
  }
  if (!usable || !workspace_) return;
  // Reloading the vault is a full load: not for settings that did not change.
  if (overrides == workspace_->session().overrides()) return;
  after_engine_update(workspace_->session().reconfigure(overrides));
  if (workspace_->session().overrides() != overrides)  // rejected
    show(1, "vaultlink settings: " + workspace_->session().settings_error() + " (the previous settings stay in force)");
}

void LanguageServer::on_initialized() {
  if (client_.watched_files_registration) {
    const nlohmann::json watcher = {{"globPattern", "**/*"}};
    const nlohmann::json registration = {{"id", "vaultlink-watched-files"},
                                         {"method", "workspace/didChangeWatchedFiles"},
                                         {"registerOptions", {{"watchers", {watcher}}}}};
    request("client/registerCapability", {{"registrations", {registration}}}, [](const nlohmann::json&) {});
  }
  // The vault is loaded already unless the client is asked for its settings first.
  if (client_.configuration)
    pull_configuration();
  else if (workspace_)
    announce_vault();
}

void LanguageServer::watch_with(const Settings& settings) {
  const bool watching = watcher_.ready_fd() >= 0;
  try {
    watcher_.follow(root_, watcher_options(settings));
  } catch (const std::exception& error) {
    log(2, std::string("vaultlink: ") + (watching ? "the watcher keeps its previous settings: " : "not watching the vault: ") +
               error.what());
  }
}

void LanguageServer::take_watcher_batch() {
  auto batch = watcher_.take_ready();
  if (!batch || !workspace_) return;
  for (const auto& problem : batch->problems) log(2, "vaultlink watcher: " + problem);
  apply_changes(*batch);
}

void LanguageServer::after_engine_update(const std::vector<std::string>& changed_notes) {
  for (const auto& path : changed_notes)
    if (!workspace_->open_document(path)) publish_note(path);
  // Open buffers are checked against the vault, which just changed.
  for (const auto& [uri, document] : workspace_->documents().all()) mark_dirty(uri);
}

void LanguageServer::publish_pending() {
  for (const auto& uri : dirty_)
    if (auto path = workspace_->path_of(uri); path && workspace_->documents().find(uri))
      publisher_.publish(uri, current_diagnostics(*workspace_, *path));
  dirty_.clear();
}

std::optional<FramedMessage> LanguageServer::next_message() {
  if (replay_.empty()) return reader_.take_buffered();
  FramedMessage kept = FramedBody{std::move(replay_.front())};
  replay_.pop_front();
  return kept;
}

int LanguageServer::run() {
  while (!exit_requested_ && !client_gone_) {
    if (startup_.expired(StartupHold::Clock::now())) settings_not_answered();
    if (auto message = next_message()) {
      if (auto* framed = std::get_if<FramedBody>(&*message)) {
        if (startup_.keep(framed->body)) continue;
        if (auto response = dispatcher_.handle(framed->body)) send(*response);
      } else {
        send(error_response(nullptr, rpc_error::parse_error, std::get<FramingError>(*message).message));
      }
      continue;
    }
    if (workspace_) publish_pending();
    pollfd watched[2] = {{reader_.fd(), POLLIN, 0}, {watcher_.ready_fd(), POLLIN, 0}};
    const auto wait = startup_.time_left(StartupHold::Clock::now());
    if (::poll(watched, 2, wait ? static_cast<int>(wait->count()) : -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (watched[1].revents & POLLIN) take_watcher_batch();
    if (watched[0].revents & (POLLIN | POLLHUP | POLLERR))
      if (!reader_.fill()) break;  // the client closed its end without exit
  }
  return shutdown_requested_ && exit_requested_ ? 0 : 1;
}

}  // namespace

int run_language_server(int input_fd, int output_fd) {
  // A client that goes away must end the server through a failed write, not SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  LanguageServer server(input_fd, output_fd);
  return server.run();
}

}  // namespace vaultlink::lsp
