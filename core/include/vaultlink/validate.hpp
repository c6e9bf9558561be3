#pragma once
// The validators: links (broken, ambiguous, malformed, headings, blocks),
// block ids, timestamp anchors and frontmatter, with suggestions.
#include <vector>

#include "vaultlink/diagnostic.hpp"
#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

// Diagnostics of one indexed note, unsorted. Uses the graph's resolutions.
std::vector<Diagnostic> validate_note(const VaultIndex& index, const LinkGraph& graph,
                                      const Settings& settings, const VaultFile& file);

// Timestamp rules 22-26 alone (used by validate_note).
void validate_timestamps(const Note& note, const Settings& settings, std::vector<Diagnostic>& out);

// "HH:MM:SS" to seconds; nullopt unless three fields with minutes and seconds below 60.
std::optional<long> parse_timestamp(std::string_view text);

}  // namespace vaultlink
