#include "diagnostics_text.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "vaultlink/diagnostic_json.hpp"

namespace vaultlink::abi {
namespace {

// A JSON string as nlohmann's dump() writes it. ASCII text (nearly every
// path, code and message) is escaped here; anything else goes through
// nlohmann, whose UTF-8 checks and errors then apply unchanged.
void append_string(std::string& out, const std::string& text) {
  if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    out += nlohmann::json(text).dump();
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// One diagnostic; keys in nlohmann's (sorted) order, as to_json(d).dump().
void append_diagnostic(std::string& out, const Diagnostic& d) {
  out += "{\"code\":";
  append_string(out, d.code);
  out += ",\"column\":" + std::to_string(d.column);
  out += ",\"end_column\":" + std::to_string(d.end_column);
  out += ",\"end_line\":" + std::to_string(d.end_line);
  out += ",\"line\":" + std::to_string(d.line);
  out += ",\"message\":";
  append_string(out, d.message);
  out += ",\"path\":";
  append_string(out, d.path);
  out += ",\"severity\":";
  append_string(out, std::string(to_string(d.severity)));
  if (d.suggestion) {
    out += ",\"suggestion\":";
    append_string(out, *d.suggestion);
  }
  out += '}';
}

}  // namespace

std::string diagnostics_json_text(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked) {
  return visited_diagnostics_json_text(
      [&](const DiagnosticVisitor& visit) {
        for (const Diagnostic& diagnostic : diagnostics) visit(diagnostic);
      },
      notes_checked);
}

std::string visited_diagnostics_json_text(const std::function<void(const DiagnosticVisitor&)>& visit_in_order,
                                          std::size_t notes_checked) {
  std::string out = "{\"diagnostics\":[";
  DiagnosticSummary summary;
  summary.notes = notes_checked;
  bool first = true;
  visit_in_order([&](const Diagnostic& diagnostic) {
    if (!first) out += ',';
    first = false;
    append_diagnostic(out, diagnostic);
    summary.count(diagnostic);
  });
  out += "],\"summary\":" +
         nlohmann::json{{"errors", summary.errors}, {"warnings", summary.warnings}, {"infos", summary.infos},
                        {"notes", summary.notes}}
             .dump() +
         "}";
  return out;
}

}  // namespace vaultlink::abi
