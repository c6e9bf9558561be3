#include "workspace.hpp"

#include "file_uri.hpp"
#include "rpc_dispatcher.hpp"
#include "vaultlink/fs.hpp"
#include "vaultlink/parse.hpp"

namespace vaultlink::lsp {

NoteText::NoteText(std::string path_, std::string uri_, std::string text_, PositionEncoding encoding)
    : path(std::move(path_)), uri(std::move(uri_)), text(std::move(text_)), note(parse_note(path, text)), lines(text, encoding) {}

Workspace::Workspace(std::filesystem::path root, nlohmann::json overrides, ClientSupport client, LoadObserver observer)
    : client_(client), session_(std::move(root), std::move(overrides), std::move(observer)), documents_(client.encoding) {}

std::optional<std::string> Workspace::path_of(std::string_view uri) const {
  auto file = path_from_uri(uri);
  if (!file || !file->is_absolute()) return std::nullopt;
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(*file, error);
  if (error) canonical = file->lexically_normal();
  const std::filesystem::path relative = canonical.lexically_relative(vault().root());
  const std::string path = relative.generic_string();
  if (relative.empty() || path == "." || path.starts_with("../") || path == "..") return std::nullopt;
  return path;
}

const OpenDocument* Workspace::open_document(std::string_view path) const {
  // Few documents are open at a time; a scan avoids keeping a second map in step.
  for (const auto& [uri, document] : documents_.all())
    if (path_of(uri) == path) return &document;
  return nullptr;
}

std::string Workspace::uri_of(std::string_view path) const {
  if (const OpenDocument* document = open_document(path)) return document->uri;
  return uri_from_path(vault().root() / std::filesystem::path(std::string(path)));
}

std::shared_ptr<const NoteText> Workspace::parsed(std::string_view path, const OpenDocument& document) const {
  auto& cached = parsed_[document.uri];
  if (!cached.second || cached.first != document.version)
    cached = {document.version, std::make_shared<const NoteText>(std::string(path), document.uri, document.text, client_.encoding)};
  return cached.second;
}

void Workspace::close_document(std::string_view uri) {
  documents_.close(uri);
  if (auto found = parsed_.find(uri); found != parsed_.end()) parsed_.erase(found);
}

std::shared_ptr<const NoteText> Workspace::text_of(std::string_view path) const {
  if (const OpenDocument* document = open_document(path)) return parsed(path, *document);
  ReadResult read = read_file(vault().root() / std::filesystem::path(std::string(path)), vault().settings().max_note_bytes);
  if (!read.ok()) return nullptr;
  return std::make_shared<const NoteText>(std::string(path), uri_of(path), std::move(read.bytes), client_.encoding);
}

std::shared_ptr<const NoteText> Workspace::text_of_uri(std::string_view uri) const {
  auto path = path_of(uri);
  if (!path) throw RpcError(rpc_error::request_failed, "not a note of the vault: " + std::string(uri));
  if (const OpenDocument* document = documents_.find(uri)) return parsed(*path, *document);
  return text_of(*path);
}

}  // namespace vaultlink::lsp
