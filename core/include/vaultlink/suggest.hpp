#pragma once
// Suggestions for broken links: what the user most likely meant.
#include <optional>
#include <string>
#include <string_view>

#include "vaultlink/index.hpp"

namespace vaultlink {

struct TargetSuggestion {
  enum class Reason { alias, loose_name, spelling };
  Reason reason;
  std::string path;  // the file meant
};

// Looks, in this order, for a note with `target` as an alias (rule 14), a
// file whose name equals it after folding case, '_', '-' and spaces, and a
// file whose name is a close spelling of it.
std::optional<TargetSuggestion> suggest_target(const VaultIndex& index, std::string_view target);

// The link as it would be written pointing at `new_target`, keeping the
// link's syntax, embed mark, subpath and display (`[[Real name|AL]]`).
std::string rewrite_link(const Link& link, std::string_view new_target, std::string_view display);

// The heading of `note` whose text is closest to `wanted`, if any is close.
std::optional<std::string> suggest_heading(const Note& note, std::string_view wanted);

}  // namespace vaultlink
