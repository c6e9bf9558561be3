#include "diagnostic_text.hpp"

#include <algorithm>

#include "cli_support.hpp"

namespace vaultlink::cli {
namespace {

// Smaller is more severe; unknown levels ("off" never reaches a host) rank last.
int rank(std::string_view severity) {
  if (severity == "error") return 0;
  if (severity == "warning") return 1;
  if (severity == "info") return 2;
  return 3;
}

}  // namespace

void print_diagnostic(std::ostream& out, const nlohmann::json& d, std::string_view severity_word) {
  const std::string& path = d.at("path").get_ref<const std::string&>();
  const auto line = d.at("line").get<std::size_t>(), column = d.at("column").get<std::size_t>();
  const std::string_view severity =
      severity_word.empty() ? std::string_view(d.at("severity").get_ref<const std::string&>()) : severity_word;
  out << path << ':' << line << ':' << column << ": " << severity << ": "
      << d.at("message").get_ref<const std::string&>() << " [" << d.at("code").get_ref<const std::string&>() << "]\n";
  if (auto suggestion = d.find("suggestion"); suggestion != d.end() && severity_word.empty())
    out << path << ':' << line << ':' << column << ": note: replace with " << suggestion->get_ref<const std::string&>()
        << '\n';
}

void print_summary(std::ostream& out, const nlohmann::json& summary) {
  const auto errors = summary.at("errors").get<std::size_t>(), warnings = summary.at("warnings").get<std::size_t>(),
             notes = summary.at("notes").get<std::size_t>();
  out << errors << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning" : " warnings")
      << " in " << notes << (notes == 1 ? " note\n" : " notes\n");
}

std::optional<std::string> parse_fail_on(const std::string& level) {
  if (level == "never") return std::nullopt;
  if (level == "error" || level == "warning") return level;
  throw UsageError("--fail-on must be error, warning or never");
}

bool reaches(const nlohmann::json& diagnostic, const std::optional<std::string>& threshold) {
  return threshold && rank(diagnostic.at("severity").get_ref<const std::string&>()) <= rank(*threshold);
}

bool any_reaches(const nlohmann::json& report, const std::optional<std::string>& threshold) {
  const auto& diagnostics = report.at("diagnostics");
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const auto& d) { return reaches(d, threshold); });
}

}  // namespace vaultlink::cli
