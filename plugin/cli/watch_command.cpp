// vaultlink watch [--format text|json] [VAULT]
#include <algorithm>
#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"
#include "git_cli.hpp"
#include "vaultlink/diagnostic_json.hpp"
#include "vaultlink/session.hpp"
#include "vaultlink/vault_watch.hpp"

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

  void diagnostic(const Diagnostic& diagnostic, bool added) {
    if (json_)
      line({{"event", "diagnostic"}, {"change", added ? "added" : "removed"}, {"diagnostic", to_json(diagnostic)}});
    else
      print_diagnostic(std::cout, diagnostic, added ? std::string_view{} : "fixed");
    std::cout.flush();
  }

  void backlinks(const BacklinksOutcome& outcome) {
    if (json_) {
      nlohmann::json event = {{"event", "backlinks"}, {"path", outcome.path}, {"status", to_string(outcome.status)}};
      if (!outcome.message.empty()) event["message"] = outcome.message;
      line(event);
    } else if (outcome.status == BacklinksOutcome::Status::updated) {
      text("backlinks updated: " + outcome.path);
    } else {
      text(outcome.path + ": error: " + outcome.message);
    }
  }

  void commit(const CommitResult& result) {
    if (result.outcome == CommitOutcome::nothing_to_commit) return;  // not news while watching
    if (json_) {
      nlohmann::json event = {{"event", "commit"}};
      if (result.outcome == CommitOutcome::committed) {
        event["commit"] = result.commit_id;
        event["message"] = result.message.substr(0, result.message.find('\n'));
        event["files"] = result.files.size();
      } else {
        event["unresolved"] = result.unresolved;
      }
      line(event);
    } else {
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

// Reports the difference between a note's diagnostics before and after:
// those that went away, then those that appeared.
void print_difference(EventPrinter& printer, const std::vector<Diagnostic>& before,
                      const std::vector<Diagnostic>& after) {
  for (const auto& old : before)
    if (std::find(after.begin(), after.end(), old) == after.end()) printer.diagnostic(old, false);
  for (const auto& now : after)
    if (std::find(before.begin(), before.end(), now) == before.end()) printer.diagnostic(now, true);
}

void report(EventPrinter& printer, const WatchActivity& activity, const Session& session,
            std::map<std::string, std::vector<Diagnostic>, std::less<>>& shown) {
  for (const auto& problem : activity.problems) printer.problem(problem);
  if (activity.update) {
    if (activity.update->rescanned) printer.status("rescan", "events were lost; the vault was read again");
    for (const auto& note : activity.update->diagnostics_changed) {
      const auto& now = session.diagnostics(note);
      print_difference(printer, shown[note], now);
      if (now.empty()) shown.erase(note);
      else shown[note] = now;
    }
    for (const auto& outcome : activity.update->backlinks) printer.backlinks(outcome);
  }
  if (activity.commit) printer.commit(*activity.commit);
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

  auto [vault, notes] = open_command_vault({vault_folder(parsed).string()});
  Session session(std::move(vault));
  VaultWatch watch(session);  // started before the first pass, so no edit made during it is missed
  std::map<std::string, std::vector<Diagnostic>, std::less<>> shown;
  for (const auto& diagnostic : session.all_diagnostics()) {
    printer.diagnostic(diagnostic, true);
    shown[diagnostic.path].push_back(diagnostic);
  }
  WatchActivity first;
  first.update.emplace();
  first.update->backlinks = session.update_all_backlinks();
  report(printer, first, session, shown);
  if (!watch.committer().enabled() && !watch.committer().disabled_reason().empty())
    printer.problem("auto-commit is off: " + watch.committer().disabled_reason());
  const std::size_t note_count = session.vault().index().note_paths().size();
  printer.status("ready", "watching " + session.vault().root().string() + " (" + std::to_string(note_count) +
                              " notes); Ctrl-C to stop",
                 {{"vault", session.vault().root().string()}, {"notes", note_count}});

  install_stop_handlers();
  while (!stop_requested) {
    // Short waits: a signal is noticed within a fifth of a second.
    auto batch = watch.wait(std::chrono::milliseconds(200));
    report(printer, watch.process(std::move(batch)), session, shown);
  }
  report(printer, watch.finish(), session, shown);
  printer.status("stopped", "stopped");
  return 0;
}

}  // namespace vaultlink::cli
