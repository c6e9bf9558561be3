// textDocument/completion inside a wikilink being typed: after "[[" the
// notes (by name and by alias), after "[[Note#" the note's headings, after
// "[[Note#^" its block ids. "[[#" completes the headings of this note.
#include <algorithm>

#include "cursor.hpp"
#include "features.hpp"
#include "vaultlink/resolve.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink::lsp {
namespace {

constexpr std::size_t kMaxNoteItems = 100;
constexpr int kKindFile = 17, kKindReference = 18, kKindText = 1;

nlohmann::json item(std::string label, int kind, std::string detail, std::string new_text, const nlohmann::json& range) {
  return {{"label", label}, {"kind", kind}, {"detail", std::move(detail)}, {"filterText", label},
          {"textEdit", {{"range", range}, {"newText", std::move(new_text)}}}};
}

// Characters a link cannot carry become spaces; Obsidian compares headings
// with them folded the same way, so the link still resolves.
std::string linkable_heading(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '#' || c == '|' || c == '^' || c == '[' || c == ']'; }, ' ');
  return text;
}

nlohmann::json note_items(const Workspace& workspace, std::string_view typed, const nlohmann::json& range) {
  const VaultIndex& index = workspace.vault().index();
  const std::string query = fold_name(trim(typed));
  // Names starting with what was typed come first, then names containing it.
  std::vector<std::pair<const VaultFile*, const std::string*>> starts, contains;  // alias or nullptr
  bool truncated = false;
  auto consider = [&](std::string_view folded, const VaultFile* file, const std::string* alias) {
    const std::size_t at = folded.find(query);
    if (at == std::string_view::npos) return;
    auto& bucket = at == 0 ? starts : contains;
    if (bucket.size() < kMaxNoteItems)
      bucket.emplace_back(file, alias);
    else
      truncated = true;
  };
  for (const auto& [path, file] : index.files()) {
    if (!file.is_note) continue;
    std::string_view name = file_name(file.folded_path);
    consider(name.substr(0, name.size() - 3), &file, nullptr);
    if (file.note)
      for (const auto& alias : file.note->frontmatter.aliases) consider(fold_name(alias), &file, &alias);
  }
  starts.insert(starts.end(), contains.begin(), contains.end());
  if (starts.size() > kMaxNoteItems) {
    starts.resize(kMaxNoteItems);
    truncated = true;
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& [file, alias] : starts) {
    const std::string target = shortest_link_target(index, file->path);
    std::string_view name = file_name(file->path);
    name.remove_suffix(3);
    if (alias)
      items.push_back(item(*alias, kKindReference, "alias of " + file->path, target + "|" + *alias, range));
    else
      items.push_back(item(std::string(name), kKindFile, file->path, target, range));
  }
  return {{"isIncomplete", truncated}, {"items", items}};
}

nlohmann::json subpath_items(const NoteText& target, bool blocks, const nlohmann::json& range) {
  nlohmann::json items = nlohmann::json::array();
  if (blocks) {
    for (const BlockId& block : target.note.block_ids) {
      const auto line = target.lines.position_of(block.range.begin).line;
      std::string context = target.text.substr(target.lines.line_start(line), block.range.begin - target.lines.line_start(line));
      items.push_back(item("^" + block.id, kKindReference, std::string(trim(context)), "^" + block.id, range));
    }
  } else {
    for (const Heading& heading : target.note.headings)
      items.push_back(item(heading.text, kKindText, std::string(static_cast<std::size_t>(heading.level), '#'),
                           linkable_heading(heading.text), range));
  }
  return {{"isIncomplete", false}, {"items", items}};
}

}  // namespace

nlohmann::json completion(const Workspace& workspace, const nlohmann::json& params) {
  const Cursor cursor = cursor_of(workspace, params);
  const NoteText& text = *cursor.text;
  const nlohmann::json nothing = {{"isIncomplete", false}, {"items", nlohmann::json::array()}};
  const std::size_t line_start = text.lines.line_start(text.lines.position_of(cursor.offset).line);
  const std::string_view before = std::string_view(text.text).substr(line_start, cursor.offset - line_start);
  const std::size_t open = before.rfind("[[");
  if (open == std::string_view::npos) return nothing;
  const std::string_view typed = before.substr(open + 2);
  if (typed.find("]]") != std::string_view::npos || typed.find('|') != std::string_view::npos) return nothing;
  const std::size_t typed_begin = line_start + open + 2;

  const std::size_t hash = typed.find('#');
  if (hash == std::string_view::npos)
    return note_items(workspace, typed, text.lines.range_json(typed_begin, cursor.offset));
  const std::size_t last_hash = typed.rfind('#');
  const std::string_view subpath = typed.substr(last_hash + 1);
  const nlohmann::json range = text.lines.range_json(typed_begin + last_hash + 1, cursor.offset);
  const std::string_view note_part = typed.substr(0, hash);
  if (trim(note_part).empty()) return subpath_items(text, subpath.starts_with("^"), range);
  const Resolution resolution = resolve_wikilink(workspace.vault().index(), text.path, note_part);
  if (!resolution.resolved() || !is_note_path(resolution.path)) return nothing;
  auto target = workspace.text_of(resolution.path);
  return target ? subpath_items(*target, subpath.starts_with("^"), range) : nothing;
}

}  // namespace vaultlink::lsp
