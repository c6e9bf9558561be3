// vaultlink check [--format text|json] [--fail-on error|warning|never] [--no-cache] [VAULT] [NOTE...]
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"
#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink check [--format text|json] [--fail-on error|warning|never] [--no-cache] [VAULT] [NOTE...]\n"
    "\n"
    "Validates links, embeds, headings, block ids and YouTube timestamp anchors the way\n"
    "Obsidian resolves them. VAULT defaults to the current folder; NOTEs limit the report.\n"
    "Unchanged notes come from the index cache in VAULT/.vaultlink/ (written when the vault\n"
    "is writable); --no-cache reads and parses every note and leaves the cache alone.\n"
    "Exit status: 0 nothing reached --fail-on (default error), 1 something did, 2 usage or I/O error.\n";

struct CheckOptions {
  bool json = false;
  std::optional<Severity> fail_on = Severity::error;  // nullopt: never fail
  bool use_cache = true;
  std::vector<std::string> positional;
};

CheckOptions parse_options(Args args) {
  CheckOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--format") {
      const std::string& format = value();
      if (format != "text" && format != "json") throw UsageError("--format must be text or json");
      options.json = format == "json";
    } else if (arg == "--fail-on") {
      const std::string& level = value();
      if (level == "never") options.fail_on = std::nullopt;
      else if (level == "error") options.fail_on = Severity::error;
      else if (level == "warning") options.fail_on = Severity::warning;
      else throw UsageError("--fail-on must be error, warning or never");
    } else if (arg == "--no-cache") {
      options.use_cache = false;
    } else if (arg.starts_with("-") && arg != "-") {
      throw UsageError("unknown option " + arg);
    } else {
      options.positional.push_back(arg);
    }
  }
  return options;
}

}  // namespace

int run_check(Args args) {
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    std::cout << kUsage;
    return 0;
  }
  const CheckOptions options = parse_options(args);  // a UsageError is reported by main
  // The process ends right after the report, and freeing the index's
  // millions of small allocations would cost a warm run about a seventh of
  // its time, so the vault is left to the operating system (as clang's
  // -disable-free does). It stays reachable: leak checkers do not flag it.
  static const CommandVault* kept = nullptr;
  kept = new CommandVault(open_command_vault(options.positional, options.use_cache));
  const auto& [vault, notes] = *kept;
  const std::vector<Diagnostic> diagnostics = vault.check(notes);
  const std::size_t checked = notes.empty() ? vault.index().note_paths().size() : notes.size();
  if (options.json) write_diagnostics_json(std::cout, diagnostics, checked);
  else {
    for (const auto& diagnostic : diagnostics) print_diagnostic(std::cout, diagnostic);
    print_summary(std::cout, summarize(diagnostics, checked));
  }

  if (!options.fail_on) return 0;
  for (const auto& diagnostic : diagnostics)
    if (reaches(diagnostic.severity, *options.fail_on)) return 1;
  return 0;
}

}  // namespace vaultlink::cli
