#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink {

nlohmann::json to_json(const Diagnostic& diagnostic) {
  nlohmann::json out = {
      {"path", diagnostic.path},
      {"line", diagnostic.line},
      {"column", diagnostic.column},
      {"end_line", diagnostic.end_line},
      {"end_column", diagnostic.end_column},
      {"severity", to_string(diagnostic.severity)},
      {"code", diagnostic.code},
      {"message", diagnostic.message},
  };
  if (diagnostic.suggestion) out["suggestion"] = *diagnostic.suggestion;
  return out;
}

void DiagnosticSummary::count(const Diagnostic& diagnostic) {
  if (diagnostic.severity == Severity::error) ++errors;
  else if (diagnostic.severity == Severity::warning) ++warnings;
  else if (diagnostic.severity == Severity::info) ++infos;
}

DiagnosticSummary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked) {
  DiagnosticSummary summary;
  summary.notes = notes_checked;
  for (const auto& diagnostic : diagnostics) summary.count(diagnostic);
  return summary;
}

namespace {
nlohmann::json summary_json(const DiagnosticSummary& summary) {
  return {{"errors", summary.errors}, {"warnings", summary.warnings}, {"infos", summary.infos}, {"notes", summary.notes}};
}
}  // namespace

void write_diagnostics_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked) {
  out << "{\"diagnostics\":[";
  for (std::size_t i = 0; i < diagnostics.size(); ++i) out << (i ? ",\n" : "\n") << to_json(diagnostics[i]).dump();
  out << "\n],\"summary\":" << summary_json(summarize(diagnostics, notes_checked)).dump() << "}\n";
}

nlohmann::json diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& diagnostic : diagnostics) list.push_back(to_json(diagnostic));
  const DiagnosticSummary summary = summarize(diagnostics, notes_checked);
  return {{"diagnostics", std::move(list)}, {"summary", summary_json(summary)}};
}

}  // namespace vaultlink
