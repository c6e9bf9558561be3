#pragma once
// The one JSON shape of diagnostics, shared by the CLI, the C ABI and the LSP:
// {"diagnostics":[{"path","line","column","end_line","end_column","severity",
//  "code","message","suggestion"?}],"summary":{"errors","warnings","infos","notes"}}
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink/diagnostic.hpp"

namespace vaultlink {

nlohmann::json to_json(const Diagnostic& diagnostic);

struct DiagnosticSummary {
  std::size_t errors = 0, warnings = 0, infos = 0;
  std::size_t notes = 0;  // notes checked
  void count(const Diagnostic& diagnostic);
};
DiagnosticSummary summarize(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked);

nlohmann::json diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked);

// The same document written to `out` one diagnostic at a time, so a vault
// with many findings is not held twice in memory (as objects and as text).
void write_diagnostics_json(std::ostream& out, const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked);

}  // namespace vaultlink
