#pragma once
// The diagnostics JSON of vl_vault_check*, written straight to text: the
// same bytes as vaultlink::diagnostics_to_json(...).dump(), without building
// a JSON tree of every diagnostic first (a vault with tens of thousands of
// findings would spend a noticeable part of a check on it).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "vaultlink/diagnostic.hpp"

namespace vaultlink::abi {

std::string diagnostics_json_text(const std::vector<Diagnostic>& diagnostics, std::size_t notes_checked);

// The same for diagnostics that `visit_in_order` hands to its argument one
// at a time (a session's, without copying them into one vector first).
using DiagnosticVisitor = std::function<void(const Diagnostic&)>;
std::string visited_diagnostics_json_text(const std::function<void(const DiagnosticVisitor&)>& visit_in_order,
                                          std::size_t notes_checked);

}  // namespace vaultlink::abi
