#include "git_cli.hpp"

#include <iostream>

#include "cli_support.hpp"

namespace vaultlink::cli {

GitArgs parse_git_args(Args args, const std::vector<std::string>& with_value, const std::vector<std::string>& flags) {
  GitArgs parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      parsed.help = true;
    } else if (arg == "--vault") {
      parsed.vault = value();
    } else if (std::find(with_value.begin(), with_value.end(), arg) != with_value.end()) {
      parsed.options.emplace_back(arg, value());
    } else if (std::find(flags.begin(), flags.end(), arg) != flags.end()) {
      parsed.flags.push_back(arg);
    } else if (arg == "--") {
      parsed.positional.insert(parsed.positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    } else if (arg.starts_with("-") && arg != "-") {
      throw UsageError("unknown option " + arg);
    } else {
      parsed.positional.push_back(arg);
    }
  }
  return parsed;
}

std::filesystem::path vault_folder(const GitArgs& args) {
  if (args.vault) return *args.vault;
  if (!args.positional.empty()) return args.positional.front();
  return std::filesystem::current_path();
}

std::optional<std::string> option(const GitArgs& args, std::string_view name) {
  for (const auto& [key, value] : args.options)
    if (key == name) return value;
  return std::nullopt;
}

LibraryVault open_git_vault(const std::filesystem::path& vault) {
  return LibraryVault(vault, OpenOptions{.use_cache = false, .show_progress = false, .defer_read = true});
}

void print_commit(const nlohmann::json& result, std::string_view command) {
  const std::string outcome = result.at("outcome").get<std::string>();
  if (outcome == "committed") {
    const std::string message = result.at("message").get<std::string>();
    std::cout << "committed " << result.at("id").get<std::string>().substr(0, 10) << ": "
              << message.substr(0, message.find('\n')) << "\n";
    if (result.value("concluded_merge", false))
      std::cout << "the merge left by sync is finished; the conflict note was removed\n";
  } else if (outcome == "nothing_to_commit") {
    std::cout << "nothing to commit\n";
  } else if (outcome == "conflicts_unresolved") {
    std::cerr << "vaultlink " << command << ": not committing: these files still have conflict markers ("
              << kConflictNoteName << " lists them):\n";
    for (const auto& file : result.at("unresolved")) std::cerr << "  " << file.get<std::string>() << "\n";
  }
}

}  // namespace vaultlink::cli
