#include "document_store.hpp"

#include <algorithm>

#include "text_positions.hpp"

namespace vaultlink::lsp {

void DocumentStore::open(std::string uri, std::string text, long long version) {
  OpenDocument document{uri, std::move(text), version};
  documents_.insert_or_assign(std::move(uri), std::move(document));
}

void DocumentStore::close(std::string_view uri) {
  if (auto found = documents_.find(uri); found != documents_.end()) documents_.erase(found);
}

void DocumentStore::change(std::string_view uri, long long version, const nlohmann::json& content_changes) {
  auto found = documents_.find(uri);
  if (found == documents_.end()) return;  // a change to a document never opened: nothing to apply it to
  OpenDocument& document = found->second;
  for (const auto& change : content_changes) {
    const std::string& text = change.at("text").get_ref<const std::string&>();
    if (!change.contains("range")) {
      document.text = text;
      continue;
    }
    const LineIndex lines(document.text, encoding_);
    const std::size_t begin = lines.offset_of(position_from_json(change.at("range").at("start")));
    const std::size_t end = std::max(begin, lines.offset_of(position_from_json(change.at("range").at("end"))));
    document.text.replace(begin, end - begin, text);
  }
  document.version = version;
}

const OpenDocument* DocumentStore::find(std::string_view uri) const {
  auto found = documents_.find(uri);
  return found == documents_.end() ? nullptr : &found->second;
}

}  // namespace vaultlink::lsp
