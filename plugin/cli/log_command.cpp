// vaultlink log [--vault VAULT] [-n N] [--json] NOTE
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "git_cli.hpp"

namespace vaultlink::cli {
namespace {

constexpr const char* kUsage =
    "usage: vaultlink log [--vault VAULT] [-n N] [--json] NOTE\n"
    "\n"
    "The commits that changed NOTE, newest first, following renames (a line says the note's\n"
    "name when it differed). NOTE is relative to the current folder or the vault; VAULT\n"
    "defaults to the current folder; '.md' may be left out.\n"
    "Exit status: 0 (also when no commit touches the note: says so); 2 error.\n";

std::string format_time(std::int64_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm local{};
  localtime_r(&time, &local);
  char text[32];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return std::string(text, length);
}

}  // namespace

int run_log(Args args) {
  const GitArgs parsed = parse_git_args(args, {"-n"}, {"--json"});  // usage errors and failures are reported by main
  if (!parsed.help && parsed.positional.size() != 1) throw UsageError("give exactly one NOTE");
  std::size_t limit = 0;
  if (auto n = option(parsed, "-n")) {
    std::size_t used = 0;
    try {
      limit = std::stoul(*n, &used);
    } catch (const std::invalid_argument&) {
      throw UsageError("-n needs a number");
    } catch (const std::out_of_range&) {
      throw UsageError("-n is too large");
    }
    if (used != n->size()) throw UsageError("-n needs a number");
  }
  if (parsed.help) {
    std::cout << kUsage;
    return 0;
  }
  const std::filesystem::path vault = parsed.vault.value_or(std::filesystem::current_path().string());
  const std::string note = vault_relative_notes(vault, parsed.positional).front();
  const nlohmann::json revisions = open_git_vault(vault).note_log(note, limit).at("revisions");
  const bool json = !parsed.flags.empty();
  if (json) {
    std::cout << revisions.dump(2) << "\n";
    return 0;
  }
  if (revisions.empty()) {
    std::cout << "no commit changes " << note << "\n";
    return 0;
  }
  for (const auto& r : revisions) {
    const std::string path = r.at("path").get<std::string>();
    std::cout << r.at("commit").get<std::string>().substr(0, 10) << "  " << format_time(r.at("time").get<std::int64_t>())
              << "  " << r.at("author").get<std::string>() << "  " << r.at("summary").get<std::string>() << "\n";
    if (path != note) std::cout << "            (as " << path << ")\n";
  }
  return 0;
}

}  // namespace vaultlink::cli
