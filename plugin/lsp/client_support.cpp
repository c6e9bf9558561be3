#include "client_support.hpp"

#include <initializer_list>
#include <string_view>

namespace vaultlink::lsp {
namespace {

// capabilities[a][b]..., or null when any step is missing or not an object.
const nlohmann::json& field(const nlohmann::json& object, std::initializer_list<std::string_view> steps) {
  static const nlohmann::json kMissing;
  const nlohmann::json* at = &object;
  for (std::string_view step : steps) {
    if (!at->is_object()) return kMissing;
    auto found = at->find(step);
    if (found == at->end()) return kMissing;
    at = &*found;
  }
  return *at;
}

bool flag(const nlohmann::json& capabilities, std::initializer_list<std::string_view> steps) {
  const nlohmann::json& value = field(capabilities, steps);
  return value.is_boolean() && value.get<bool>();
}

bool lists(const nlohmann::json& array, std::string_view wanted) {
  if (!array.is_array()) return false;
  for (const auto& item : array)
    if (item.is_string() && item.get_ref<const std::string&>() == wanted) return true;
  return false;
}

PositionEncoding negotiate_encoding(const nlohmann::json& offered) {
  if (!offered.is_array() || offered.empty() || lists(offered, "utf-16")) return PositionEncoding::utf16;
  // The client's order is its preference.
  for (const auto& item : offered) {
    if (item == "utf-8") return PositionEncoding::utf8;
    if (item == "utf-32") return PositionEncoding::utf32;
  }
  return PositionEncoding::utf16;  // nothing we know: the protocol's mandatory default
}

}  // namespace

ClientSupport client_support(const nlohmann::json& capabilities) {
  ClientSupport support;
  support.encoding = negotiate_encoding(field(capabilities, {"general", "positionEncodings"}));
  support.document_changes = flag(capabilities, {"workspace", "workspaceEdit", "documentChanges"});
  // Only documentChanges carry a RenameFile, so a client listing the operation
  // takes them even when it does not say so (Neovim 0.7 does exactly that).
  support.rename_files = lists(field(capabilities, {"workspace", "workspaceEdit", "resourceOperations"}), "rename");
  support.configuration = flag(capabilities, {"workspace", "configuration"});
  support.prepare_rename = flag(capabilities, {"textDocument", "rename", "prepareSupport"});
  support.watched_files_registration = flag(capabilities, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
  return support;
}

}  // namespace vaultlink::lsp
