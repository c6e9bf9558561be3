// vaultlink run [--format text|json] [--fail-on error|warning|never] [VAULT]
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"
#include "git_cli.hpp"
#include "vaultlink/auto_commit.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/diagnostic_json.hpp"

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

std::optional<Severity> fail_on(const GitArgs& parsed) {
  const std::string level = option(parsed, "--fail-on").value_or("error");
  if (level == "never") return std::nullopt;
  if (auto severity = severity_from_string(level); severity && *severity != Severity::info) return severity;
  throw UsageError("--fail-on must be error, warning or never");
}

}  // namespace

int run_run(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const GitArgs parsed = parse_git_args(args, {"--format", "--fail-on"});
  const std::string format = option(parsed, "--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  const std::optional<Severity> threshold = fail_on(parsed);

  const auto [vault, notes] = open_command_vault({vault_folder(parsed).string()}, /*use_cache=*/true);
  const std::vector<Diagnostic> diagnostics = vault.check();
  const std::size_t checked = vault.index().note_paths().size();
  std::vector<BacklinksOutcome> written = update_backlinks(vault);
  std::erase_if(written, [](const auto& outcome) { return outcome.status == BacklinksOutcome::Status::unchanged; });

  // Committing follows the auto-commit rules: a vault outside git is not an error here.
  AutoCommitter committer(vault.root(), vault.settings());
  std::optional<CommitResult> commit;
  if (committer.enabled()) {
    committer.note_unknown_changes(AutoCommitter::Clock::now());
    commit = committer.flush();
  }

  const bool failed_writes = std::any_of(written.begin(), written.end(), [](const auto& outcome) {
    return outcome.status != BacklinksOutcome::Status::updated;
  });
  const bool findings = std::any_of(diagnostics.begin(), diagnostics.end(),
                                    [&](const Diagnostic& d) { return threshold && reaches(d.severity, *threshold); });

  if (format == "json") {
    nlohmann::json out = diagnostics_to_json(diagnostics, checked);
    out["backlinks"] = nlohmann::json::array();
    for (const auto& outcome : written) {
      nlohmann::json entry = {{"path", outcome.path}, {"status", to_string(outcome.status)}};
      if (!outcome.message.empty()) entry["message"] = outcome.message;
      out["backlinks"].push_back(std::move(entry));
    }
    if (commit && commit->outcome == CommitOutcome::committed)
      out["commit"] = {{"commit", commit->commit_id}, {"files", commit->files.size()}};
    else if (!committer.enabled() && !committer.disabled_reason().empty())
      out["commit"] = {{"skipped", committer.disabled_reason()}};
    std::cout << out.dump(2) << '\n';
  } else {
    for (const auto& diagnostic : diagnostics) print_diagnostic(std::cout, diagnostic);
    print_summary(std::cout, summarize(diagnostics, checked));
    for (const auto& outcome : written) {
      if (outcome.status == BacklinksOutcome::Status::updated) std::cout << "backlinks updated: " << outcome.path << '\n';
      else std::cout << outcome.path << ": error: " << outcome.message << '\n';
    }
    const auto failed = static_cast<std::size_t>(std::count_if(written.begin(), written.end(), [](const auto& outcome) {
      return outcome.status != BacklinksOutcome::Status::updated;
    }));
    std::cout << written.size() - failed << " backlinks sections updated";
    if (failed) std::cout << ", " << failed << " could not be";
    std::cout << '\n';
    if (commit) print_commit(*commit, "run");
    else if (!committer.disabled_reason().empty()) std::cout << "not committed: " << committer.disabled_reason() << '\n';
  }
  return findings || failed_writes ? 1 : 0;
}

}  // namespace vaultlink::cli
