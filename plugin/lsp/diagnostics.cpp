#include "diagnostics.hpp"

#include "vaultlink/fs.hpp"
#include "workspace.hpp"

namespace vaultlink::lsp {
namespace {

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    default: return 3;
  }
}

std::size_t offset_of(const LineIndex& lines, std::uint32_t line, std::uint32_t column) {
  // Engine positions are 1-based lines and byte columns; a column past the
  // line's end (a range ending after its line break) stops at the next line.
  return std::min<std::size_t>(lines.line_start(line - 1) + column - 1, lines.line_start(line));
}

}  // namespace

nlohmann::json to_lsp_diagnostics(const std::vector<Diagnostic>& diagnostics, const LineIndex& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const Diagnostic& diagnostic : diagnostics) {
    nlohmann::json item = {
        {"range", lines.range_json(offset_of(lines, diagnostic.line, diagnostic.column),
                                   offset_of(lines, diagnostic.end_line, diagnostic.end_column))},
        {"severity", lsp_severity(diagnostic.severity)},
        {"code", diagnostic.code},
        {"source", "vaultlink"},
        {"message", diagnostic.message}};
    if (diagnostic.suggestion) item["data"] = {{"suggestion", *diagnostic.suggestion}};
    out.push_back(std::move(item));
  }
  return out;
}

nlohmann::json current_diagnostics(Workspace& workspace, std::string_view path) {
  if (const OpenDocument* document = workspace.open_document(path))
    return to_lsp_diagnostics(workspace.session().check_buffer(path, document->text), workspace.lines_of(document->text));
  const auto& diagnostics = workspace.session().diagnostics_of(path);
  if (diagnostics.empty()) return nlohmann::json::array();
  // Only the lines are needed, not a parse: at startup this runs for every note with diagnostics.
  const ReadResult read = read_file(workspace.vault().root() / std::filesystem::path(std::string(path)),
                                    workspace.vault().settings().max_note_bytes);
  return to_lsp_diagnostics(diagnostics, workspace.lines_of(read.bytes));
}

void DiagnosticsPublisher::publish(const std::string& uri, nlohmann::json diagnostics) {
  auto found = published_.find(uri);
  const bool had_none = found == published_.end();
  if (had_none ? diagnostics.empty() : found->second == diagnostics) return;
  send_({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"diagnostics", diagnostics}}}});
  if (diagnostics.empty())
    published_.erase(found);
  else
    published_.insert_or_assign(uri, std::move(diagnostics));
}

const nlohmann::json& DiagnosticsPublisher::last(std::string_view uri) const {
  static const nlohmann::json kNone = nlohmann::json::array();
  auto found = published_.find(uri);
  return found == published_.end() ? kNone : found->second;
}

}  // namespace vaultlink::lsp
