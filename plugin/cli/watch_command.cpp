// vaultlink watch [--format text|json] [VAULT]
#include <poll.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "backlinks_report.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink watch [--format text|json] [VAULT]\n"
    "\n"
    "Keeps the vault checked while it changes, from any editor or a git pull: prints\n"
    "diagnostics as they appear and disappear, keeps the generated backlinks sections\n"
    "current, and commits once the vault has been quiet for gitQuietSeconds (when\n"
    "gitAutoCommit is on and the vault is in a git repository). Ctrl-C or SIGTERM\n"
    "finishes pending writes and the pending commit, then exits 0.\n"
    "  --format json   one JSON object per line: events ready, diagnostic (change\n"
    "                  added|removed), backlinks, commit, problem, stopped\n";

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// Prints events as text lines or JSON lines; flushed at once, since a
// watcher's output is read live by a person or a program.
class EventPrinter {
 public:
  explicit EventPrinter(bool json) : json_(json) {}

  void diagnostic(const nlohmann::json& diagnostic, bool added) {
    if (json_)
      line({{"event", "diagnostic"}, {"change", added ? "added" : "removed"}, {"diagnostic", diagnostic}});
    else
      print_diagnostic(std::cout, diagnostic, added ? std::string_view{} : "fixed");
    std::cout.flush();
  }

  // A library "write" event: a backlinks section written, or not.
  void backlinks(const nlohmann::json& write) {
    const std::string path = write.at("path").get<std::string>(), message = write.value("message", "");
    if (json_) {
      nlohmann::json event = {{"event", "backlinks"}, {"path", path}, {"status", write.at("status")}};
      if (!message.empty()) event["message"] = message;
      line(event);
    } else if (write.at("status") == "updated") {
      text("backlinks updated: " + path);
    } else {
      text(path + ": error: " + message);
    }
  }

  // A library "commit" event.
  void commit(const nlohmann::json& commit) {
    const bool committed = commit.contains("commit");
    if (json_) {
      nlohmann::json event = {{"event", "commit"}};
      if (committed) {
        const std::string message = commit.at("message").get<std::string>();
        event["commit"] = commit.at("commit");
        event["message"] = message.substr(0, message.find('\n'));
        event["files"] = commit.at("files");
      } else {
        event["unresolved"] = commit.at("unresolved");
      }
      line(event);
    } else {
      // print_commit reads the library's commit result; the event carries the same facts.
      nlohmann::json result = {{"outcome", committed ? "committed" : "conflicts_unresolved"}};
      if (committed) {
        result["id"] = commit.at("commit");
        result["message"] = commit.at("message");
        result["concluded_merge"] = commit.value("concluded_merge", false);
      } else {
        result["unresolved"] = commit.at("unresolved");
      }
      print_commit(result, "watch");
      std::cout.flush();
    }
  }

  void problem(const std::string& message) {
    if (json_) line({{"event", "problem"}, {"message", message}});
    else std::cerr << "vaultlink watch: " << message << std::endl;
  }

  void status(const std::string& event, const std::string& message, nlohmann::json fields = nlohmann::json::object()) {
    if (json_) {
      fields["event"] = event;
      line(fields);
    } else {
      text(message);
    }
  }

 private:
  void line(const nlohmann::json& event) { std::cout << event.dump() << std::endl; }
  void text(const std::string& message) { std::cout << message << std::endl; }
  bool json_;
};

using ShownDiagnostics = std::map<std::string, nlohmann::json, std::less<>>;  // note -> its list, as last printed

// Reports the difference between a note's diagnostics before and after:
// those that went away, then those that appeared.
void print_difference(EventPrinter& printer, const nlohmann::json& before, const nlohmann::json& after) {
  for (const auto& old : before)
    if (std::find(after.begin(), after.end(), old) == after.end()) printer.diagnostic(old, false);
  for (const auto& now : after)
    if (std::find(before.begin(), before.end(), now) == before.end()) printer.diagnostic(now, true);
}

// Prints one library event (see vl_vault_next_event in vaultlink.h).
void report(EventPrinter& printer, const nlohmann::json& event, ShownDiagnostics& shown) {
  const std::string type = event.value("type", "");
  if (type == "diagnostics") {
    const std::string note = event.at("path").get<std::string>();
    const nlohmann::json& now = event.at("diagnostics");
    auto before = shown.find(note);
    print_difference(printer, before == shown.end() ? nlohmann::json::array() : before->second, now);
    if (now.empty()) shown.erase(note);
    else shown[note] = now;
  } else if (type == "write") {
    printer.backlinks(event);
  } else if (type == "commit") {
    printer.commit(event);
  } else if (type == "rescan") {
    printer.status("rescan", "events were lost; the vault was read again");
  } else if (type == "auto_commit_off") {
    printer.problem("auto-commit is off: " + event.at("reason").get<std::string>());
  } else if (type == "error") {
    printer.problem(event.at("message").get<std::string>());
  }
}

void drain(LibraryVault& vault, EventPrinter& printer, ShownDiagnostics& shown) {
  for (nlohmann::json event = vault.next_event(); !event.is_null(); event = vault.next_event())
    report(printer, event, shown);
}

}  // namespace

int run_watch(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const GitArgs parsed = parse_git_args(args, {"--format"});
  const std::string format = option(parsed, "--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  EventPrinter printer(format == "json");

  // A second start reads only the notes changed since the index cache was written.
  const std::filesystem::path folder = vault_folder(parsed);
  auto [vault, notes] = open_command_vault({folder.string()}, /*use_cache=*/true);
  // Watching starts before the first pass, so no edit made during it is
  // missed; an event for a change the pass already shows prints nothing.
  vault.watch_start();
  const nlohmann::json first = vault.check({});
  ShownDiagnostics shown;
  for (const auto& diagnostic : first.at("diagnostics")) {
    printer.diagnostic(diagnostic, true);
    shown[diagnostic.at("path").get<std::string>()].push_back(diagnostic);
  }
  for (const auto& outcome : read_backlinks_report(vault.update_backlinks({}, false), false).outcomes) {
    nlohmann::json write = {{"path", outcome.path}, {"status", outcome.status}};
    if (!outcome.message.empty()) write["message"] = outcome.message;
    printer.backlinks(write);
  }
  drain(vault, printer, shown);
  const std::string root = std::filesystem::canonical(folder).string();
  const std::size_t note_count = first.at("summary").at("notes").get<std::size_t>();
  printer.status("ready", "watching " + root + " (" + std::to_string(note_count) + " notes); Ctrl-C to stop",
                 {{"vault", root}, {"notes", note_count}});

  install_stop_handlers();
  pollfd readable{vault.event_fd(), POLLIN, 0};
  while (!stop_requested) {
    // Short waits: a signal is noticed within a fifth of a second.
    if (poll(&readable, 1, 200) > 0) drain(vault, printer, shown);
  }
  vault.watch_stop();  // finishes pending writes and the pending commit, posting them
  drain(vault, printer, shown);
  printer.status("stopped", "stopped");
  return 0;
}

}  // namespace vaultlink::cli
