#pragma once
// The scan's side of a killed write's leftover: settle it, and tell the user
// when it is kept because it holds words its note lacks.
#include <chrono>
#include <filesystem>
#include <optional>

#include "vaultlink/diagnostic.hpp"

namespace vaultlink {

// settle_write_leftover(temp, now); when the leftover is kept as the last
// copy of some words, an interrupted-write diagnostic on its note (a path
// relative to `root`) naming the file to merge by hand.
std::optional<Diagnostic> settle_write_leftover_reporting(
    const std::filesystem::path& temp, const std::filesystem::path& root,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace vaultlink
