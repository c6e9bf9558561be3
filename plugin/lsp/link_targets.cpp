#include "link_targets.hpp"

#include <set>

#include "vaultlink/resolve.hpp"
#include "vaultlink/subpath.hpp"

namespace vaultlink::lsp {

std::shared_ptr<const NoteText> TextCache::get(std::string_view path) {
  auto found = texts_.find(path);
  if (found == texts_.end()) found = texts_.emplace(std::string(path), workspace_.text_of(path)).first;
  return found->second;
}

const Link* link_at(const Note& note, std::size_t offset) {
  for (const Link& link : note.links)
    if (link.malformed.empty() && link.range.begin <= offset && offset <= link.range.end) return &link;
  return nullptr;
}

std::optional<Target> resolve_target(const Workspace& workspace, TextCache& texts, std::string_view source_path,
                                     const Link& link) {
  if (!link.malformed.empty()) return std::nullopt;
  const Resolution resolution = resolve_link(workspace.vault().index(), source_path, link);
  if (!resolution.resolved()) return std::nullopt;
  Target target{resolution.path, nullptr, std::nullopt, std::nullopt};
  if (!is_note_path(target.path)) return target;
  // A note linking to itself sees its own buffer, not the file on disk.
  target.text = texts.get(target.path);
  if (!target.text || !link.has_subpath || link.subpath.empty()) return target;
  const Note& note = target.text->note;
  if (link.subpath.starts_with("^")) {
    const BlockId* block = find_block_id(note, std::string_view(link.subpath).substr(1));
    if (!block) return std::nullopt;
    target.block = static_cast<std::size_t>(block - note.block_ids.data());
    return target;
  }
  std::string missing;
  target.heading = find_heading_chain(note, link.subpath, &missing);
  if (!target.heading && !missing.empty()) return std::nullopt;
  return target;
}

std::optional<LinkUnderCursor> link_under_cursor(const Workspace& workspace, const nlohmann::json& params) {
  Cursor cursor = cursor_of(workspace, params);
  const Link* link = link_at(cursor.text->note, cursor.offset);
  if (!link) return std::nullopt;
  TextCache texts(workspace);
  auto target = resolve_target(workspace, texts, cursor.text->path, *link);
  if (!target) return std::nullopt;
  return LinkUnderCursor{std::move(cursor), link, std::move(*target)};
}

std::optional<Target> subject_at(const Workspace& workspace, TextCache& texts, const NoteText& note,
                                 std::size_t offset) {
  if (const Link* link = link_at(note.note, offset)) return resolve_target(workspace, texts, note.path, *link);
  Target self{note.path, texts.get(note.path), std::nullopt, std::nullopt};
  // A heading is designated from anywhere on its (first) line.
  const auto& headings = note.note.headings;
  const std::uint32_t line = note.lines.position_of(offset).line;
  for (std::size_t i = 0; i < headings.size(); ++i)
    if (note.lines.position_of(headings[i].range.begin).line == line) self.heading = i;
  return self;
}

std::vector<LinkOccurrence> links_to(const Workspace& workspace, TextCache& texts, const Target& target) {
  // The graph knows who links to the note on disk; open buffers may have new
  // links, and a note's links to its own headings count too.
  std::set<std::string, std::less<>> sources;
  for (const std::string_view source : workspace.vault().graph().sources_of(target.path)) sources.emplace(source);
  for (const auto& [uri, document] : workspace.documents().all())
    if (auto path = workspace.path_of(uri)) sources.insert(*path);
  sources.insert(target.path);

  std::vector<LinkOccurrence> found;
  for (const auto& source_path : sources) {
    auto source = texts.get(source_path);
    if (!source) continue;
    for (const Link& link : source->note.links) {
      auto resolved = resolve_target(workspace, texts, source_path, link);
      if (!resolved || resolved->path != target.path) continue;
      if ((target.heading || target.block) && !resolved->same_as(target)) continue;
      found.push_back({source, &link});
    }
  }
  return found;
}

}  // namespace vaultlink::lsp
