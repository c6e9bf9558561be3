#pragma once
// textDocument/publishDiagnostics: engine diagnostics converted at the edge
// (ranges in the position encoding, LSP severities, the stable code, the suggested replacement
// in `data`), and a publisher that remembers what each note last showed so
// only differences are sent.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "text_positions.hpp"
#include "vaultlink/diagnostic.hpp"

namespace vaultlink::lsp {

class Workspace;

// LSP Diagnostic objects for one note's diagnostics, placed in `lines` (the note's text).
nlohmann::json to_lsp_diagnostics(const std::vector<Diagnostic>& diagnostics, const LineIndex& lines);

// The diagnostics a note has now: from the editor's buffer when it is open
// (checked against the vault as on disk), else the engine's.
nlohmann::json current_diagnostics(Workspace& workspace, std::string_view path);

class DiagnosticsPublisher {
 public:
  explicit DiagnosticsPublisher(std::function<void(const nlohmann::json& notification)> send) : send_(std::move(send)) {}

  // Sends publishDiagnostics for `uri` unless it is what the client already has.
  void publish(const std::string& uri, nlohmann::json diagnostics);
  // What the client was last sent for `uri` (an empty array when nothing).
  const nlohmann::json& last(std::string_view uri) const;

 private:
  std::function<void(const nlohmann::json&)> send_;
  std::map<std::string, nlohmann::json, std::less<>> published_;
};

}  // namespace vaultlink::lsp
