#include "diagnostic_text.hpp"

namespace vaultlink::cli {

void print_diagnostic(std::ostream& out, const Diagnostic& d, std::string_view severity_word) {
  const std::string_view severity = severity_word.empty() ? to_string(d.severity) : severity_word;
  out << d.path << ':' << d.line << ':' << d.column << ": " << severity << ": " << d.message << " [" << d.code
      << "]\n";
  if (d.suggestion && severity_word.empty())
    out << d.path << ':' << d.line << ':' << d.column << ": note: replace with " << *d.suggestion << '\n';
}

bool reaches(Severity severity, Severity threshold) {
  // error < warning < info in the enum: smaller is more severe.
  return severity != Severity::off && static_cast<int>(severity) <= static_cast<int>(threshold);
}

void print_summary(std::ostream& out, const DiagnosticSummary& summary) {
  out << summary.errors << (summary.errors == 1 ? " error, " : " errors, ") << summary.warnings
      << (summary.warnings == 1 ? " warning" : " warnings") << " in " << summary.notes
      << (summary.notes == 1 ? " note\n" : " notes\n");
}

}  // namespace vaultlink::cli
