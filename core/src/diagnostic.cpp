#include "vaultlink/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace vaultlink {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::off: return "off";
  }
  return "error";
}

std::optional<Severity> severity_from_string(std::string_view text) {
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "info") return Severity::info;
  if (text == "off") return Severity::off;
  return std::nullopt;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.path, a.line, a.column, a.end_line, a.end_column, a.code, a.message) <
         std::tie(b.path, b.line, b.column, b.end_line, b.end_column, b.code, b.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);
}

}  // namespace vaultlink
