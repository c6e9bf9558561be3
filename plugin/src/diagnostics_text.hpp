#pragma once
// The diagnostics JSON of vl_vault_check*, written straight to text: the
// same bytes as vaultlink::diagnostics_to_json(...).dump(), without building
// a JSON tree of every diagnostic first (a vault with tens of thousands of
// findings would spend a noticeable part of a check on it).
#include <cstddef>
#include <string>
#include <vector>

#include "vaultlink/diagnostic.hpp"

namespace vaultlink::abi {

std::string diagnostics_json_text(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked);

}  // namespace vaultlink::abi
