#pragma once
// The text of the documents the client has open, kept in step with its
// edits (full or incremental, TextDocumentSyncKind.Incremental).
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "text_positions.hpp"

namespace vaultlink::lsp {

struct OpenDocument {
  std::string uri;
  std::string text;
  long long version = 0;
};

class DocumentStore {
 public:
  // Ranges of incremental changes count characters in `encoding`.
  explicit DocumentStore(PositionEncoding encoding) : encoding_(encoding) {}

  void open(std::string uri, std::string text, long long version);
  void close(std::string_view uri);
  // Applies the contentChanges of a didChange notification in order: a change
  // with a range replaces that range, one without replaces
  // the whole text. Throws nlohmann::json::exception on malformed changes.
  void change(std::string_view uri, long long version, const nlohmann::json& content_changes);

  const OpenDocument* find(std::string_view uri) const;
  const std::map<std::string, OpenDocument, std::less<>>& all() const { return documents_; }

 private:
  PositionEncoding encoding_;
  std::map<std::string, OpenDocument, std::less<>> documents_;
};

}  // namespace vaultlink::lsp
