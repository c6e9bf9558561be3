#pragma once
// Diagnostics as the CLI prints them, from the library's diagnostics JSON
// (see vaultlink.h): gcc-style lines editors and CI parse
// ("path:line:col: severity: message [code]"), and the JSON report.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vaultlink::cli {

// One diagnostic object, and a "note: replace with ..." line for its suggestion.
// `severity_word` overrides the severity (watch prints "fixed" for one that went away).
void print_diagnostic(std::ostream& out, const nlohmann::json& diagnostic, std::string_view severity_word = {});
// "3 errors, 1 warning in 12 notes", from the report's "summary".
void print_summary(std::ostream& out, const nlohmann::json& summary);
// A --fail-on threshold ("error", "warning" or "never": nullopt). Throws UsageError otherwise.
std::optional<std::string> parse_fail_on(const std::string& level);
// Whether a diagnostic object reaches the threshold, and whether any of a report does.
bool reaches(const nlohmann::json& diagnostic, const std::optional<std::string>& threshold);
bool any_reaches(const nlohmann::json& report, const std::optional<std::string>& threshold);

}  // namespace vaultlink::cli
