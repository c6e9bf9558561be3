#pragma once
// The validators: links (broken, ambiguous, malformed, headings, blocks),
// block ids, timestamp anchors and frontmatter, with suggestions.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"
#include "vaultlink/suggest.hpp"

namespace vaultlink {

// Remembers the suggestions computed for broken targets: a vault links to
// the same missing name from many notes, and finding a close spelling scans
// every name. Not thread-safe; use one per thread.
class SuggestionCache {
 public:
  const std::optional<TargetSuggestion>& get(const VaultIndex& index, std::string_view target);

 private:
  std::unordered_map<std::string, std::optional<TargetSuggestion>> by_target_;
};

// Diagnostics of one indexed note, unsorted. Uses the graph's resolutions.
std::vector<Diagnostic> validate_note(const VaultIndex& index, const LinkGraph& graph, const Settings& settings,
                                      const VaultFile& file, SuggestionCache& suggestions);

// Timestamp rules 22-26 alone (used by validate_note).
void validate_timestamps(const Note& note, const Settings& settings, std::vector<Diagnostic>& out);

// "HH:MM:SS" to seconds; nullopt unless three fields with minutes and seconds below 60.
std::optional<long> parse_timestamp(std::string_view text);

}  // namespace vaultlink
