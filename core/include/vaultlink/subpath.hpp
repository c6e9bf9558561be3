#pragma once
// Finding what a link's subpath names inside its target note: a chain of
// headings ("A#B", OBSIDIAN-LINKS.md rule 2) or a block id ("^id"). The
// validators report what is missing; editors jump to what is found.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vaultlink/note.hpp"

namespace vaultlink {

// Index into note.headings of the last heading of `chain`, each heading of
// the chain lying inside the previous one's section. nullopt when a heading
// is missing; `missing` (when given) then receives the part not found. An
// empty chain (only '#'s) names no heading and also gives nullopt.
std::optional<std::size_t> find_heading_chain(const Note& note, std::string_view chain,
                                              std::string* missing = nullptr);

// The block id of `note` named `id` (without '^'), compared ignoring ASCII case.
const BlockId* find_block_id(const Note& note, std::string_view id);

}  // namespace vaultlink
