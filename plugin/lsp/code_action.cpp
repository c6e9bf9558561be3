// textDocument/codeAction: a quick fix for every diagnostic in the range that
// carries a suggested replacement. The diagnostics are the ones the client
// was sent (not those it echoes back), so clients that drop `data` still get
// their fixes.
#include "features.hpp"

namespace vaultlink::lsp {
namespace {

bool before(const nlohmann::json& a, const nlohmann::json& b) {
  return a.at("line").get<long>() < b.at("line").get<long>() ||
         (a.at("line") == b.at("line") && a.at("character").get<long>() < b.at("character").get<long>());
}

// Ranges touch or overlap (a cursor at a diagnostic's edge asks for its fix).
bool overlaps(const nlohmann::json& a, const nlohmann::json& b) {
  return !before(a.at("end"), b.at("start")) && !before(b.at("end"), a.at("start"));
}

}  // namespace

nlohmann::json code_actions(const DiagnosticsPublisher& published, const nlohmann::json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  const nlohmann::json& range = params.at("range");
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& diagnostic : published.last(uri)) {
    if (!diagnostic.contains("data") || !overlaps(diagnostic.at("range"), range)) continue;
    const std::string& replacement = diagnostic["data"]["suggestion"].get_ref<const std::string&>();
    nlohmann::json edit = {{"range", diagnostic["range"]}, {"newText", replacement}};
    actions.push_back({{"title", "Replace with " + replacement},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", nlohmann::json::array({diagnostic})},
                       {"edit", {{"changes", {{uri, nlohmann::json::array({edit})}}}}}});
  }
  return actions;
}

}  // namespace vaultlink::lsp
