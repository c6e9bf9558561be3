#include "vaultlink/resolve.hpp"

#include <algorithm>

#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

std::string_view without_note_extension(std::string_view path) {
  return is_note_path(path) ? path.substr(0, path.size() - 3) : path;
}

// A file whose path is `path` as written, ".md" optional (rule 10).
const VaultFile* find_exact(const VaultIndex& index, std::string_view path) {
  if (const VaultFile* file = index.find_folded(path)) return file;
  return index.find_folded(std::string(path) + ".md");
}

Resolution resolved_to(std::string path) {
  Resolution resolution;
  resolution.status = Resolution::Status::resolved;
  resolution.path = std::move(path);
  return resolution;
}

bool ends_with_path(std::string_view folded_candidate, std::string_view folded_suffix) {
  if (!folded_candidate.ends_with(folded_suffix)) return false;
  return folded_candidate.size() == folded_suffix.size() ||
         folded_candidate[folded_candidate.size() - folded_suffix.size() - 1] == '/';
}

}  // namespace

std::optional<std::string> join_vault_path(std::string_view folder, std::string_view relative) {
  std::vector<std::string_view> parts;
  auto push_segments = [&](std::string_view path) -> bool {
    while (!path.empty()) {
      auto slash = path.find('/');
      std::string_view segment = path.substr(0, slash);
      path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
      if (segment.empty() || segment == ".") continue;
      if (segment == "..") {
        if (parts.empty()) return false;  // climbs out of the vault
        parts.pop_back();
      } else {
        parts.push_back(segment);
      }
    }
    return true;
  };
  if (!push_segments(folder) || !push_segments(relative)) return std::nullopt;
  std::string joined;
  for (auto part : parts) {
    if (!joined.empty()) joined += '/';
    joined += part;
  }
  return joined;
}

Resolution resolve_wikilink(const VaultIndex& index, std::string_view source_path, std::string_view written) {
  const std::string target = nfc(trim(written));
  if (target.empty()) return resolved_to(std::string(source_path));  // rule 6

  if (target.starts_with("./") || target.starts_with("../") || target.starts_with("/")) {
    // Rule 12: relative to the linking note's folder, or absolute from the vault root.
    const std::string_view folder = target.starts_with("/") ? std::string_view{} : parent_folder(source_path);
    auto joined = join_vault_path(folder, target);
    if (!joined) return {Resolution::Status::outside_vault, {}, {}};
    if (const VaultFile* file = find_exact(index, *joined)) return resolved_to(file->path);
    return {};
  }

  // Candidates share the last segment's name; a path target must also match as a path suffix.
  const std::string folded_target = fold_name(target);
  const bool has_folder = target.find('/') != std::string::npos;
  const std::string name_key = has_folder ? fold_name(file_name(target)) : std::string();
  std::vector<const VaultFile*> matches;
  for (const std::string& candidate : index.files_named(has_folder ? name_key : folded_target)) {
    const VaultFile* file = index.find(candidate);
    if (has_folder && !ends_with_path(file->folded_path, folded_target) &&
        !ends_with_path(without_note_extension(file->folded_path), folded_target))
      continue;
    matches.push_back(file);
  }
  if (matches.empty()) return {};

  // Rule 13: exact vault path, then the linking note's folder, then the shortest path.
  const std::string_view source_folder = parent_folder(source_path);
  auto rank = [&](const VaultFile* file) {
    if (file->folded_path == folded_target || without_note_extension(file->folded_path) == folded_target) return 0;
    if (parent_folder(file->path) == source_folder) return 1;
    return 2;
  };
  if (matches.size() == 1) return resolved_to(matches.front()->path);
  std::stable_sort(matches.begin(), matches.end(), [&](const VaultFile* a, const VaultFile* b) {
    int rank_a = rank(a), rank_b = rank(b);
    if (rank_a != rank_b) return rank_a < rank_b;
    if (a->path.size() != b->path.size()) return a->path.size() < b->path.size();
    return a->path < b->path;
  });
  Resolution resolution = resolved_to(matches.front()->path);
  if (rank(matches.front()) == 0) return resolution;  // an exact path is never ambiguous
  for (const VaultFile* file : matches) resolution.candidates.push_back(file->path);
  return resolution;
}

Resolution resolve_markdown(const VaultIndex& index, std::string_view source_path, std::string_view target) {
  if (target.empty()) return resolved_to(std::string(source_path));
  const std::string_view folder = target.starts_with("/") ? std::string_view{} : parent_folder(source_path);
  auto joined = join_vault_path(folder, nfc(target));
  if (!joined) return {Resolution::Status::outside_vault, {}, {}};
  if (const VaultFile* file = find_exact(index, *joined)) return resolved_to(file->path);
  if (target.starts_with("./") || target.starts_with("../") || target.starts_with("/")) return {};
  return resolve_wikilink(index, source_path, target);
}

Resolution resolve_link(const VaultIndex& index, std::string_view source_path, const Link& link) {
  if (link.syntax == LinkSyntax::markdown) return resolve_markdown(index, source_path, link.target);
  return resolve_wikilink(index, source_path, link.target);
}

std::string shortest_link_target(const VaultIndex& index, std::string_view path) {
  const std::string_view written = without_note_extension(path);
  const std::string folded_path = fold_name(written);
  const auto& same_name = index.files_named(fold_name(file_name(written)));
  // Try "Name", then "folder/Name", ... until only this file ends with it.
  for (std::size_t slash = written.size();;) {
    slash = slash == 0 ? std::string_view::npos : written.rfind('/', slash - 1);
    std::string_view suffix = slash == std::string_view::npos ? written : written.substr(slash + 1);
    const std::string folded_suffix = fold_name(suffix);
    std::size_t matching = 0;
    for (const auto& candidate : same_name) {
      const std::string& folded = index.find(candidate)->folded_path;
      if (ends_with_path(folded, folded_suffix) || ends_with_path(without_note_extension(folded), folded_suffix))
        ++matching;
    }
    const bool unique = matching <= 1;
    if (unique || slash == std::string_view::npos) {
      // A full path that still matches several files is exact for this one (rule 13).
      return std::string(suffix);
    }
  }
}

}  // namespace vaultlink
