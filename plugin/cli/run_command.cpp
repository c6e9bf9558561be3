// vaultlink run [--format text|json] [--fail-on error|warning|never] [VAULT]
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "backlinks_report.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink run [--format text|json] [--fail-on error|warning|never] [VAULT]\n"
    "\n"
    "What a save does, for the whole vault at once: check every note, bring every\n"
    "generated backlinks section up to date, and commit the result (when gitAutoCommit\n"
    "is on and the vault is in a git repository, or gitInit asks for one).\n"
    "Exit status: 0 no diagnostic reached --fail-on (default error) and every section\n"
    "was written, 1 otherwise, 2 usage, I/O or git error.\n";

}  // namespace

int run_run(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const GitArgs parsed = parse_git_args(args, {"--format", "--fail-on"});
  const std::string format = option(parsed, "--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  const std::optional<std::string> threshold = parse_fail_on(option(parsed, "--fail-on").value_or("error"));

  auto [vault, notes] = open_command_vault({vault_folder(parsed).string()}, /*use_cache=*/true);
  nlohmann::json out = vault.check({});
  const BacklinksReport written = read_backlinks_report(vault.update_backlinks({}, false), false);
  // Committing follows the auto-commit rules: a vault outside git is not an error here.
  const nlohmann::json commit = vault.auto_commit();
  const bool skipped = commit.at("outcome") == "skipped";
  const std::string skip_reason = commit.value("skipped", "");

  const std::size_t failed = written.malformed + written.errors;
  const bool findings = any_reaches(out, threshold);

  if (format == "json") {
    out["backlinks"] = nlohmann::json::array();
    for (const auto& outcome : written.outcomes) {
      nlohmann::json entry = {{"path", outcome.path}, {"status", outcome.status}};
      if (!outcome.message.empty()) entry["message"] = outcome.message;
      out["backlinks"].push_back(std::move(entry));
    }
    if (commit.at("outcome") == "committed")
      out["commit"] = {{"commit", commit.at("id")}, {"files", commit.at("files").size()}};
    else if (skipped && !skip_reason.empty())
      out["commit"] = {{"skipped", skip_reason}};
    std::cout << out.dump(2) << '\n';
  } else {
    for (const auto& diagnostic : out.at("diagnostics")) print_diagnostic(std::cout, diagnostic);
    print_summary(std::cout, out.at("summary"));
    for (const auto& outcome : written.outcomes) {
      if (outcome.status == "updated") std::cout << "backlinks updated: " << outcome.path << '\n';
      else std::cout << outcome.path << ": error: " << outcome.message << '\n';
    }
    std::cout << written.changed << " backlinks sections updated";
    if (failed) std::cout << ", " << failed << " could not be";
    std::cout << '\n';
    if (!skipped) print_commit(commit, "run");
    else if (!skip_reason.empty()) std::cout << "not committed: " << skip_reason << '\n';
  }
  return findings || failed > 0 ? 1 : 0;
}

}  // namespace vaultlink::cli
