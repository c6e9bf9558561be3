// textDocument/documentSymbol: the note's headings as an outline, each
// heading holding the headings of its section.
#include <vector>

#include "cursor.hpp"
#include "features.hpp"

namespace vaultlink::lsp {
namespace {
constexpr int kSymbolKindString = 15;  // what Markdown servers use for headings
}

nlohmann::json document_symbols(const Workspace& workspace, const nlohmann::json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  auto text = workspace.text_of_uri(uri);
  nlohmann::json roots = nlohmann::json::array();
  if (!text) return roots;
  const Note& note = text->note;
  // Built bottom-up: a heading's children are complete once a heading of
  // the same or a higher level (or the end) closes its section.
  struct Open {
    int level;
    nlohmann::json symbol;
  };
  std::vector<Open> stack;
  auto close_top = [&] {
    nlohmann::json symbol = std::move(stack.back().symbol);
    stack.pop_back();
    (stack.empty() ? roots : stack.back().symbol["children"]).push_back(std::move(symbol));
  };
  for (std::size_t i = 0; i < note.headings.size(); ++i) {
    const Heading& heading = note.headings[i];
    while (!stack.empty() && stack.back().level >= heading.level) close_top();
    stack.push_back({heading.level,
                     {{"name", heading.text.empty() ? std::string("(empty heading)") : heading.text},
                      {"detail", std::string(static_cast<std::size_t>(heading.level), '#')},
                      {"kind", kSymbolKindString},
                      {"range", text->lines.range_json(heading.range.begin, note.section_end(i))},
                      {"selectionRange", text->lines.range_json(heading.range.begin, heading.range.end)},
                      {"children", nlohmann::json::array()}}});
  }
  while (!stack.empty()) close_top();
  return roots;
}

}  // namespace vaultlink::lsp
