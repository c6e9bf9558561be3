#pragma once
// Link resolution exactly as Obsidian does it (OBSIDIAN-LINKS.md rules 10-16,
// 21): optional .md, case and NFC folding, paths and path suffixes, relative
// paths, same-folder preference, and nothing outside the vault.
#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/index.hpp"

namespace vaultlink {

struct Resolution {
  enum class Status { resolved, not_found, outside_vault };
  Status status = Status::not_found;
  std::string path;                     // the file Obsidian opens, when resolved
  std::vector<std::string> candidates;  // when ambiguous: every match in Obsidian's order; else empty
  bool ambiguous() const { return candidates.size() > 1; }
  bool resolved() const { return status == Status::resolved; }
};

// Resolves a wikilink target written in the note at `source_path`. An empty
// target is the source note itself (rule 6).
Resolution resolve_wikilink(const VaultIndex& index, std::string_view source_path, std::string_view target);

// Resolves a (percent-decoded) Markdown link target: first relative to the
// note's folder, then like a wikilink (rule 21).
Resolution resolve_markdown(const VaultIndex& index, std::string_view source_path, std::string_view target);

// Resolves a link of any syntax.
Resolution resolve_link(const VaultIndex& index, std::string_view source_path, const Link& link);

// Joins `relative` ("../a/b", "./c") onto `folder`; nullopt when it climbs out of the vault.
std::optional<std::string> join_vault_path(std::string_view folder, std::string_view relative);

// The shortest wikilink target that resolves to `path` from anywhere in the
// vault: the bare name when unique, else the shortest unique path suffix.
std::string shortest_link_target(const VaultIndex& index, std::string_view path);

}  // namespace vaultlink
