// vaultlink backlinks [--check] [--format text|json] [VAULT] [NOTE...]
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "vaultlink/backlinks.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink backlinks [--check] [--format text|json] [VAULT] [NOTE...]\n"
    "\n"
    "Writes the generated backlinks section of every note other notes link to (or of\n"
    "the NOTEs given), and removes it from notes that lost their last backlink. Only\n"
    "notes whose section changes are written. VAULT defaults to the current folder.\n"
    "  --check   write nothing; list the notes whose section is out of date\n"
    "Exit status: 0 every section is current, 1 some section is stale (--check), a note\n"
    "has malformed markers or could not be written, 2 usage or I/O error.\n";

struct BacklinksCliOptions {
  bool check = false;
  bool json = false;
  std::vector<std::string> positional;
};

BacklinksCliOptions parse_options(Args args) {
  BacklinksCliOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--check") {
      options.check = true;
    } else if (arg == "--format") {
      if (i + 1 >= args.size()) throw UsageError("--format needs a value");
      const std::string& format = args[++i];
      if (format != "text" && format != "json") throw UsageError("--format must be text or json");
      options.json = format == "json";
    } else if (arg.starts_with("-") && arg != "-") {
      throw UsageError("unknown option " + arg);
    } else {
      options.positional.push_back(arg);
    }
  }
  return options;
}

// In check mode nothing is written: an out-of-date note is "stale", not "updated".
std::string status_name(const BacklinksOutcome& outcome, bool check) {
  if (check && outcome.status == BacklinksOutcome::Status::updated) return "stale";
  return std::string(to_string(outcome.status));
}

struct Counts {
  std::size_t changed = 0, unchanged = 0, malformed = 0, errors = 0;
};

Counts count(const std::vector<BacklinksOutcome>& outcomes) {
  Counts counts;
  for (const auto& outcome : outcomes) {
    switch (outcome.status) {
      case BacklinksOutcome::Status::unchanged: ++counts.unchanged; break;
      case BacklinksOutcome::Status::updated: ++counts.changed; break;
      case BacklinksOutcome::Status::malformed: ++counts.malformed; break;
      case BacklinksOutcome::Status::error: ++counts.errors; break;
    }
  }
  return counts;
}

void print_text(const std::vector<BacklinksOutcome>& outcomes, const Counts& counts, bool check) {
  for (const auto& outcome : outcomes) {
    switch (outcome.status) {
      case BacklinksOutcome::Status::unchanged: break;
      case BacklinksOutcome::Status::updated: std::cout << status_name(outcome, check) << ": " << outcome.path << '\n'; break;
      case BacklinksOutcome::Status::malformed:
        std::cout << outcome.path << ':' << outcome.line << ":1: error: " << outcome.message << " [backlinks-markers]\n";
        break;
      case BacklinksOutcome::Status::error: std::cout << outcome.path << ": error: " << outcome.message << '\n'; break;
    }
  }
  std::cout << counts.changed << (check ? " stale, " : " updated, ") << counts.unchanged << " unchanged";
  if (counts.malformed) std::cout << ", " << counts.malformed << " with malformed markers";
  if (counts.errors) std::cout << ", " << counts.errors << (counts.errors == 1 ? " error" : " errors");
  std::cout << '\n';
}

nlohmann::json to_json(const std::vector<BacklinksOutcome>& outcomes, const Counts& counts, bool check) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& outcome : outcomes) {
    if (outcome.status == BacklinksOutcome::Status::unchanged) continue;  // the summary counts them
    nlohmann::json note = {{"path", outcome.path}, {"status", status_name(outcome, check)}};
    if (!outcome.message.empty()) note["message"] = outcome.message;
    if (outcome.status == BacklinksOutcome::Status::malformed) note["line"] = outcome.line;
    notes.push_back(std::move(note));
  }
  return {{"check", check},
          {"notes", std::move(notes)},
          {"summary",
           {{check ? "stale" : "updated", counts.changed},
            {"unchanged", counts.unchanged},
            {"malformed", counts.malformed},
            {"errors", counts.errors}}}};
}

}  // namespace

int run_backlinks(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const BacklinksCliOptions options = parse_options(args);  // a UsageError is reported by main
  const auto [vault, notes] = open_command_vault(options.positional);

  BacklinksOptions backlinks;
  backlinks.check_only = options.check;
  const std::vector<BacklinksOutcome> outcomes = update_backlinks(vault, notes, backlinks);
  const Counts counts = count(outcomes);
  if (options.json) std::cout << to_json(outcomes, counts, options.check).dump(2) << '\n';
  else print_text(outcomes, counts, options.check);

  const bool stale = options.check && counts.changed > 0;
  return stale || counts.malformed > 0 || counts.errors > 0 ? 1 : 0;
}

}  // namespace vaultlink::cli
