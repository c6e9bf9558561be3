// vaultlink check [--format text|json] [--fail-on error|warning|never] [--no-cache] [VAULT] [NOTE...]
#include <algorithm>
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "diagnostic_text.hpp"

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
  std::optional<std::string> fail_on = "error";  // nullopt: never fail
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
      options.fail_on = parse_fail_on(value());
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
  auto [vault, notes] = open_command_vault(options.positional, options.use_cache);
  // Printed as the library's report is parsed (see check_each): a JSON
  // report one diagnostic per line, or gcc-style lines and a summary.
  bool failed = false;
  std::size_t printed = 0;
  if (options.json) std::cout << "{\"diagnostics\":[";
  const nlohmann::json summary = vault.check_each(notes, [&](const nlohmann::json& diagnostic) {
    if (options.json) std::cout << (printed ? ",\n" : "\n") << diagnostic.dump();
    else print_diagnostic(std::cout, diagnostic);
    ++printed;
    failed = failed || reaches(diagnostic, options.fail_on);
  });
  vault.keep_until_exit();  // the process ends right after the report
  if (options.json) std::cout << "\n],\"summary\":" << summary.dump() << "}\n";
  else print_summary(std::cout, summary);
  return failed ? 1 : 0;
}

}  // namespace vaultlink::cli
