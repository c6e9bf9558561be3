#pragma once
// Suggestions for broken links: what the user most likely meant.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "vaultlink/index.hpp"

namespace vaultlink {

struct TargetSuggestion {
  enum class Reason { alias, loose_name, spelling };
  Reason reason;
  std::string path;  // the file meant
};

// Every file's folded name, for finding close spellings. A vault has many
// names and many broken links, so each name carries a letter count that
// bounds the edit distance from below and rules most names out cheaply.
class NameCatalogue {
 public:
  explicit NameCatalogue(const VaultIndex& index);
  // The path of the file whose name is closest to `folded_name` within a few edits.
  std::optional<std::string> closest(std::string_view folded_name) const;

 private:
  struct Entry {
    std::string name;  // folded; notes without ".md"
    std::string path;
    std::array<std::uint8_t, 32> letters;
  };
  std::vector<Entry> entries_;
};

// Looks, in this order, for a note with `target` as an alias (rule 14), a
// file whose name equals it after folding case, '_', '-' and spaces, and a
// file whose name is a close spelling of it.
std::optional<TargetSuggestion> suggest_target(const VaultIndex& index, const NameCatalogue& names,
                                               std::string_view target);

// The link as it would be written pointing at `new_target`, keeping the
// link's syntax, embed mark, subpath and display (`[[Real name|AL]]`).
std::string rewrite_link(const Link& link, std::string_view new_target, std::string_view display);

// The heading of `note` whose text is closest to `wanted`, if any is close.
std::optional<std::string> suggest_heading(const Note& note, std::string_view wanted);

}  // namespace vaultlink
