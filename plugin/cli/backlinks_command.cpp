// vaultlink backlinks [--check] [--format text|json] [VAULT] [NOTE...]
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "backlinks_report.hpp"
#include "cli_support.hpp"
#include "commands.hpp"

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

void print_text(const BacklinksReport& report, bool check) {
  for (const auto& outcome : report.outcomes) {
    if (outcome.status == "malformed")
      std::cout << outcome.path << ':' << outcome.line << ":1: error: " << outcome.message << " [backlinks-markers]\n";
    else if (outcome.status == "error")
      std::cout << outcome.path << ": error: " << outcome.message << '\n';
    else
      std::cout << outcome.status << ": " << outcome.path << '\n';
  }
  std::cout << report.changed << (check ? " stale, " : " updated, ") << report.unchanged << " unchanged";
  if (report.malformed) std::cout << ", " << report.malformed << " with malformed markers";
  if (report.errors) std::cout << ", " << report.errors << (report.errors == 1 ? " error" : " errors");
  std::cout << '\n';
}

nlohmann::json to_json(const BacklinksReport& report, bool check) {
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& outcome : report.outcomes) {
    nlohmann::json note = {{"path", outcome.path}, {"status", outcome.status}};
    if (!outcome.message.empty()) note["message"] = outcome.message;
    if (outcome.status == "malformed") note["line"] = outcome.line;
    notes.push_back(std::move(note));
  }
  return {{"check", check},
          {"notes", std::move(notes)},
          {"summary",
           {{check ? "stale" : "updated", report.changed},
            {"unchanged", report.unchanged},
            {"malformed", report.malformed},
            {"errors", report.errors}}}};
}

}  // namespace

int run_backlinks(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const BacklinksCliOptions options = parse_options(args);  // a UsageError is reported by main
  auto [vault, notes] = open_command_vault(options.positional);
  // A NOTE that is no note of the vault fails here, naming it (the update
  // itself passes over such paths).
  if (!notes.empty()) vault.check(notes);
  const BacklinksReport report = read_backlinks_report(vault.update_backlinks(notes, options.check), options.check);
  if (options.json) std::cout << to_json(report, options.check).dump(2) << '\n';
  else print_text(report, options.check);

  const bool stale = options.check && report.changed > 0;
  return stale || report.malformed > 0 || report.errors > 0 ? 1 : 0;
}

}  // namespace vaultlink::cli
