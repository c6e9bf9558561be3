// textDocument/rename: a note (the file is renamed and every link to it
// rewritten) or a heading (the heading and every "#heading" link to it), as
// one WorkspaceEdit: documentChanges when the client takes them, else changes.
// Renaming a note needs a client that applies a RenameFile operation: links
// rewritten to a name the file does not get would all break, so a client that
// cannot rename files gets an error saying so, and nothing is edited.
// textDocument/prepareRename answers the same question before the user types
// a name: what would be renamed (its range and current name), or that error.
#include <map>

#include "cursor.hpp"
#include "features.hpp"
#include "file_uri.hpp"
#include "link_targets.hpp"
#include "rpc_dispatcher.hpp"
#include "vaultlink/resolve.hpp"
#include "vaultlink/suggest.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink::lsp {
namespace {

// TextEdits grouped by document, in the order documents were first edited.
class EditCollector {
 public:
  explicit EditCollector(const Workspace& workspace) : workspace_(workspace) {}

  void replace(const NoteText& text, std::size_t begin, std::size_t end, std::string new_text) {
    auto [entry, inserted] = by_uri_.try_emplace(text.uri, order_.size());
    if (inserted) {
      const OpenDocument* open = workspace_.documents().find(text.uri);
      order_.push_back({{"textDocument", {{"uri", text.uri}, {"version", open ? nlohmann::json(open->version) : nlohmann::json()}}},
                        {"edits", nlohmann::json::array()}});
    }
    order_[entry->second]["edits"].push_back({{"range", text.lines.range_json(begin, end)}, {"newText", std::move(new_text)}});
  }

  // The WorkspaceEdit in the form the client takes; `operation` (a file
  // operation, which only documentChanges can carry) follows the text edits.
  nlohmann::json workspace_edit(nlohmann::json operation = nullptr) && {
    if (!workspace_.client().document_changes && operation.is_null()) {
      nlohmann::json changes = nlohmann::json::object();
      for (auto& document : order_) changes[document["textDocument"]["uri"].get<std::string>()] = std::move(document["edits"]);
      return {{"changes", std::move(changes)}};
    }
    if (!operation.is_null()) order_.push_back(std::move(operation));
    return {{"documentChanges", std::move(order_)}};
  }

 private:
  const Workspace& workspace_;
  std::map<std::string, std::size_t, std::less<>> by_uri_;
  nlohmann::json order_ = nlohmann::json::array();
};

std::string display_for_rewrite(const Link& link) {
  return link.syntax == LinkSyntax::markdown || link.has_display ? link.display : std::string();
}

// Names carry no link syntax: it would change what the links mean.
std::string checked_name(std::string_view name, std::string_view what) {
  const std::string trimmed(trim(name));
  if (trimmed.empty() || trimmed.find_first_of("#|^[]\n\r") != std::string::npos)
    throw RpcError(rpc_error::invalid_params, std::string(what) + " cannot be empty or contain # | ^ [ ] or line breaks");
  return trimmed;
}

// Byte offset of a heading's text on its line.
std::size_t heading_text_at(const NoteText& text, const Heading& heading) {
  const std::size_t at = text.text.find(heading.text, heading.range.begin);
  if (heading.text.empty() || at == std::string::npos || at + heading.text.size() > heading.range.end)
    throw RpcError(rpc_error::request_failed, "cannot find the heading's text on its line");
  return at;
}

// What the cursor would rename: a note or one of its headings. Throws
// RpcError for anything else, and for a note the client cannot rename.
Target renamable_subject(const Workspace& workspace, TextCache& texts, const Cursor& cursor) {
  auto subject = subject_at(workspace, texts, *cursor.text, cursor.offset);
  if (!subject || !subject->text) throw RpcError(rpc_error::request_failed, "nothing here can be renamed");
  if (subject->block) throw RpcError(rpc_error::request_failed, "block ids are not renamed");
  if (!subject->heading && !workspace.client().rename_files)
    throw RpcError(rpc_error::request_failed,
                   "this editor cannot rename files through a language server (its client does not support "
                   "workspace edits with resource operation \"rename\"); rename " + subject->path +
                       " another way instead; vaultlink then reports every link still using the old name");
  return std::move(*subject);
}

nlohmann::json rename_heading(const Workspace& workspace, TextCache& texts, const Target& subject, std::string_view wanted) {
  const std::string name = checked_name(wanted, "a heading");
  EditCollector edits(workspace);
  const NoteText& text = *subject.text;
  const Heading& heading = text.note.headings[*subject.heading];
  const std::size_t at = heading_text_at(text, heading);
  edits.replace(text, at, at + heading.text.size(), name);
  for (const auto& occurrence : links_to(workspace, texts, subject)) {
    Link renamed = *occurrence.link;
    const std::size_t last_hash = renamed.subpath.rfind('#');
    renamed.subpath = (last_hash == std::string::npos ? std::string() : renamed.subpath.substr(0, last_hash + 1)) + name;
    edits.replace(*occurrence.source, renamed.range.begin, renamed.range.end,
                  rewrite_link(renamed, renamed.target, display_for_rewrite(renamed)));
  }
  return std::move(edits).workspace_edit();
}

nlohmann::json rename_note(const Workspace& workspace, TextCache& texts, const Target& subject, std::string_view wanted) {
  std::string name = checked_name(wanted, "a note name");
  if (is_note_path(name)) name.resize(name.size() - 3);
  // A bare name stays in the note's folder; a name with '/' is a vault path.
  const std::string_view folder = parent_folder(subject.path);
  const std::string new_path =
      (name.find('/') != std::string::npos || folder.empty() ? name : std::string(folder) + "/" + name) + ".md";
  const VaultIndex& index = workspace.vault().index();
  std::error_code error;
  if (index.find(new_path) || std::filesystem::exists(workspace.vault().root() / new_path, error))
    throw RpcError(rpc_error::request_failed, new_path + " already exists");

  // Links are rewritten as they must read once the file has its new name.
  VaultIndex renamed_index = index;
  renamed_index.remove(subject.path);
  VaultFile renamed;
  renamed.path = new_path;
  renamed.is_note = true;
  renamed_index.upsert(std::move(renamed));
  const std::string short_target = shortest_link_target(renamed_index, new_path);
  const std::string path_target = new_path.substr(0, new_path.size() - 3);

  EditCollector edits(workspace);
  for (const auto& occurrence : links_to(workspace, texts, Target{subject.path, subject.text, {}, {}})) {
    const Link& link = *occurrence.link;
    if (link.target.empty()) continue;  // [[#heading]] names this note without its name
    std::string target;
    if (link.syntax == LinkSyntax::markdown)
      target = is_note_path(link.target) ? new_path : path_target;
    else
      target = link.target.find('/') != std::string::npos ? path_target : short_target;
    edits.replace(*occurrence.source, link.range.begin, link.range.end, rewrite_link(link, target, display_for_rewrite(link)));
  }
  return std::move(edits).workspace_edit({{"kind", "rename"},
                                          {"oldUri", workspace.uri_of(subject.path)},
                                          {"newUri", uri_from_path(workspace.vault().root() / new_path)}});
}

}  // namespace

nlohmann::json rename(const Workspace& workspace, const nlohmann::json& params) {
  const Cursor cursor = cursor_of(workspace, params);
  const std::string& new_name = params.at("newName").get_ref<const std::string&>();
  TextCache texts(workspace);
  const Target subject = renamable_subject(workspace, texts, cursor);
  if (subject.heading) return rename_heading(workspace, texts, subject, new_name);
  return rename_note(workspace, texts, subject, new_name);
}

nlohmann::json prepare_rename(const Workspace& workspace, const nlohmann::json& params) {
  const Cursor cursor = cursor_of(workspace, params);
  TextCache texts(workspace);
  const Target subject = renamable_subject(workspace, texts, cursor);
  std::string placeholder;
  if (subject.heading) {
    placeholder = subject.text->note.headings[*subject.heading].text;
  } else {
    std::string_view name = file_name(subject.path);
    placeholder = name.substr(0, name.size() - 3);
  }
  // The range is the link under the cursor, else the heading's text, else
  // the cursor itself (the note is renamed from anywhere in it).
  std::size_t begin = cursor.offset, end = cursor.offset;
  if (const Link* link = link_at(cursor.text->note, cursor.offset)) {
    begin = link->range.begin;
    end = link->range.end;
  } else if (subject.heading) {
    begin = heading_text_at(*subject.text, subject.text->note.headings[*subject.heading]);
    end = begin + placeholder.size();
  }
  return {{"range", cursor.text->lines.range_json(begin, end)}, {"placeholder", placeholder}};
}

}  // namespace vaultlink::lsp
