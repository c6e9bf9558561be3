// The text of each kind of generated note. Each note draws from its own random
// stream, so a note's text depends only on the seed, the plan and its number.
#pragma once

#include <cstddef>
#include <string>

#include "vault_plan.hpp"

namespace vaultgen {

struct WriteOptions {
  bool markdown_links = false;
};

std::string write_transcript(const VaultPlan& plan, std::size_t index, const WriteOptions& options);
std::string write_topic(const VaultPlan& plan, std::size_t index, const WriteOptions& options);
std::string write_channel(const VaultPlan& plan, std::size_t index, const WriteOptions& options);

}  // namespace vaultgen
