#pragma once
// What the features read: the engine (the vault as on disk), the open
// documents (the text the user sees), and the mapping between URIs and
// vault-relative paths. A note's text is the editor's buffer when it is open,
// else the file on disk, so positions always match what the client shows.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "client_support.hpp"
#include "document_store.hpp"
#include "engine_session.hpp"
#include "text_positions.hpp"
#include "vaultlink/note.hpp"

namespace vaultlink::lsp {

// One note's text, parsed, with its positions. Held by shared_ptr: `lines`
// points into `text`, so it is never copied or moved.
struct NoteText {
  NoteText(std::string path, std::string uri, std::string text, PositionEncoding encoding);
  NoteText(const NoteText&) = delete;
  NoteText& operator=(const NoteText&) = delete;

  std::string path;  // vault-relative
  std::string uri;
  std::string text;
  Note note;
  LineIndex lines;
};

class Workspace {
 public:
  // Loads the vault (see EngineSession).
  Workspace(std::filesystem::path root, nlohmann::json overrides, ClientSupport client, LoadObserver observer = {});

  // What the client supports; every position in and out uses client().encoding.
  const ClientSupport& client() const { return client_; }
  LineIndex lines_of(std::string_view text) const { return LineIndex(text, client_.encoding); }

  EngineSession& session() { return session_; }
  const EngineSession& session() const { return session_; }
  const Vault& vault() const { return session_.vault(); }
  DocumentStore& documents() { return documents_; }
  const DocumentStore& documents() const { return documents_; }

  // The vault-relative path of a file: URI inside the vault.
  std::optional<std::string> path_of(std::string_view uri) const;
  // The URI of a vault-relative path: the client's own URI when it has the note open.
  std::string uri_of(std::string_view path) const;
  // The open document of a vault-relative path, if the client has it open.
  const OpenDocument* open_document(std::string_view path) const;

  // The note's current text (buffer or disk); nullptr when it cannot be read.
  std::shared_ptr<const NoteText> text_of(std::string_view path) const;
  // The text of the note a request names by URI; throws RpcError for a URI
  // outside the vault.
  std::shared_ptr<const NoteText> text_of_uri(std::string_view uri) const;

 void close_document(std::string_view uri);

 private:
  std::shared_ptr<const NoteText> parsed(std::string_view path, const OpenDocument& document) const;

  ClientSupport client_;
  EngineSession session_;
  DocumentStore documents_;
  // Parsed open documents by URI, reused until the version changes.
  mutable std::map<std::string, std::pair<long long, std::shared_ptr<const NoteText>>, std::less<>> parsed_;
};

}  // namespace vaultlink::lsp
