#pragma once
// Diagnostics as the CLI prints them: gcc-style lines editors and CI parse
// ("path:line:col: severity: message [code]").
#include <ostream>
#include <string_view>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink::cli {

// One diagnostic, and a "note: replace with ..." line for its suggestion.
// `severity_word` overrides the severity (watch prints "fixed" for one that went away).
void print_diagnostic(std::ostream& out, const Diagnostic& diagnostic, std::string_view severity_word = {});
// Whether a diagnostic of `severity` reaches a --fail-on threshold.
bool reaches(Severity severity, Severity threshold);
// "3 errors, 1 warning in 12 notes"
void print_summary(std::ostream& out, const DiagnosticSummary& summary);

}  // namespace vaultlink::cli
