#include "vaultlink/validate.hpp"

#include <algorithm>

#include "reporter.hpp"
#include "vaultlink/subpath.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

std::string display_of(const Link& link) {
  if (link.has_display) return link.display;
  return {};
}

std::string_view name_without_md(std::string_view path) {
  std::string_view name = file_name(path);
  return is_note_path(name) ? name.substr(0, name.size() - 3) : name;
}

// How a fixed link names `path`: wikilinks by the shortest unambiguous name;
// Markdown links by the vault path, which resolves from any folder (rule 21).
std::string link_target_for(const VaultIndex& index, const Link& link, const std::string& path) {
  return link.syntax == LinkSyntax::markdown ? path : shortest_link_target(index, path);
}

void report_broken_link(const VaultIndex& index, const Link& link, const Resolution& resolution,
                        SuggestionCache& suggestions, Reporter& reporter) {
  if (resolution.status == Resolution::Status::outside_vault) {
    reporter.report(code::broken_link, link.range, "link " + in_quotes(link.target) + " points outside the vault");
    return;
  }
  if (has_uri_scheme(link.target)) {
    reporter.report(code::broken_link, link.range,
                    in_quotes(link.target) + " is a URL, not a note: a wikilink to it opens a missing note",
                    "[" + (link.has_display ? link.display : link.target) + "](" + link.target + ")");
    return;
  }
  const auto& suggestion = suggestions.get(index, link.target);
  const bool names_attachment = !is_note_path(link.target) && file_name(link.target).find('.') != std::string_view::npos;
  std::string message = link.embed         ? "embedded file " + in_quotes(link.target) + " does not exist"
                        : names_attachment ? "no file named " + in_quotes(link.target)
                                           : "no note named " + in_quotes(link.target);
  if (!suggestion) {
    reporter.report(code::broken_link, link.range, message);
    return;
  }
  const std::string target = link_target_for(index, link, suggestion->path);
  std::string display = display_of(link);
  switch (suggestion->reason) {
    case TargetSuggestion::Reason::alias:
      message += "; it is an alias of " + in_quotes(name_without_md(suggestion->path)) +
                 ", and aliases do not resolve links";
      if (display.empty()) display = link.target;
      break;
    case TargetSuggestion::Reason::loose_name:
    case TargetSuggestion::Reason::spelling:
      message += "; did you mean " + in_quotes(name_without_md(suggestion->path)) + "?";
      break;
  }
  if (link.syntax == LinkSyntax::markdown) display = link.display;
  reporter.report(code::broken_link, link.range, message, rewrite_link(link, target, display));
}

void report_ambiguous(const VaultIndex& index, const Link& link, const Resolution& resolution, Reporter& reporter) {
  std::string list;
  for (std::size_t i = 0; i < resolution.candidates.size() && i < 5; ++i)
    list += (i ? ", " : "") + resolution.candidates[i];
  if (resolution.candidates.size() > 5) list += ", ...";
  reporter.report(code::ambiguous_link, link.range,
                  in_quotes(link.target) + " matches " + std::to_string(resolution.candidates.size()) + " files (" +
                      list + "); Obsidian opens " + resolution.path,
                  rewrite_link(link, link_target_for(index, link, resolution.path),
                               link.syntax == LinkSyntax::markdown ? link.display : display_of(link)));
}

void check_subpath(const VaultIndex& index, const Link& link, const Resolution& resolution, Reporter& reporter) {
  if (!link.has_subpath || link.subpath.empty()) return;
  const Note* target = index.note(resolution.path);
  if (!target) return;  // rule 19: subpaths of attachments (#page=3) are not headings
  const std::string shown = link.target.empty() ? "this note" : in_quotes(name_without_md(resolution.path));
  if (link.subpath.starts_with("^")) {
    const std::string_view id = std::string_view(link.subpath).substr(1);
    if (!find_block_id(*target, id)) reporter.report(code::broken_block, link.range, shown + " has no block ^" + std::string(id));
    return;
  }
  // A chain of only '#'s names no heading and is not reported.
  std::string missing;
  if (find_heading_chain(*target, link.subpath, &missing) || missing.empty()) return;
  std::string message = shown + " has no heading " + in_quotes(missing);
  if (link.subpath.find('#') != std::string::npos) message += " inside the headings before it";
  std::optional<std::string> suggestion;
  if (auto heading = suggest_heading(*target, missing)) {
    message += "; did you mean " + in_quotes(*heading) + "?";
    Link fixed = link;
    fixed.subpath = *heading;
    suggestion = rewrite_link(fixed, link.target, link.syntax == LinkSyntax::markdown ? link.display : display_of(link));
  }
  reporter.report(code::broken_heading, link.range, message, suggestion);
}

void check_duplicate_block_ids(const Note& note, Reporter& reporter) {
  std::unordered_map<std::string, const BlockId*> first_by_id;
  for (const BlockId& block : note.block_ids) {
    std::string key = block.id;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    auto [first, inserted] = first_by_id.emplace(key, &block);
    if (!inserted)
      reporter.report(code::duplicate_block_id, block.range,
                      "block id ^" + block.id + " is already used on line " +
                          std::to_string(note.position_of(first->second->range.begin).line));
  }
}

}  // namespace

const std::optional<TargetSuggestion>& SuggestionCache::get(const VaultIndex& index, std::string_view target) {
  std::string key = fold_name(target);
  auto found = by_target_.find(key);
  if (found == by_target_.end()) {
    if (!names_) names_.emplace(index);
    found = by_target_.emplace(std::move(key), suggest_target(index, *names_, target)).first;
  }
  return found->second;
}

std::vector<Diagnostic> validate_note(const VaultIndex& index, const LinkGraph& graph, const Settings& settings,
                                      const VaultFile& file, SuggestionCache& suggestions) {
  std::vector<Diagnostic> out;
  const Note* note = file.note.get();
  Reporter reporter(note, file.path, settings, out);
  if (!note) {
    if (!file.read_error.empty()) reporter.report(code::unreadable_file, {}, file.read_error);
    return out;
  }
  for (const ParseProblem& problem : note->problems) reporter.report(problem.code, problem.range, problem.message);

  const std::vector<Resolution>* resolutions = graph.resolutions(file.path);
  for (std::size_t i = 0; i < note->links.size(); ++i) {
    const Link& link = note->links[i];
    if (!link.malformed.empty()) {
      reporter.report(code::malformed_link, link.range, "malformed link: " + link.malformed);
      continue;
    }
    // The graph has resolved every link already; resolve afresh only for a note it does not know.
    std::optional<Resolution> fresh;
    if (!resolutions || i >= resolutions->size()) fresh = resolve_link(index, file.path, link);
    const Resolution& resolution = fresh ? *fresh : (*resolutions)[i];
    if (!resolution.resolved()) {
      report_broken_link(index, link, resolution, suggestions, reporter);
      continue;
    }
    if (resolution.ambiguous()) report_ambiguous(index, link, resolution, reporter);
    check_subpath(index, link, resolution, reporter);
  }
  check_duplicate_block_ids(*note, reporter);
  validate_timestamps(*note, settings, out);
  return out;
}

}  // namespace vaultlink
