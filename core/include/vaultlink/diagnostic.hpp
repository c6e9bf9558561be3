#pragma once
// Diagnostics are neutral structs; each front converts them at its edge
// (gcc-style text, JSON, LSP, vim.diagnostic).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaultlink {

enum class Severity { error, warning, info, off };

std::string_view to_string(Severity severity);
std::optional<Severity> severity_from_string(std::string_view text);

// The stable codes of OBSIDIAN-LINKS.md section 8; hosts and scripts key on them.
namespace code {
inline constexpr std::string_view broken_link = "broken-link";
inline constexpr std::string_view broken_heading = "broken-heading";
inline constexpr std::string_view broken_block = "broken-block";
inline constexpr std::string_view ambiguous_link = "ambiguous-link";
inline constexpr std::string_view malformed_link = "malformed-link";
inline constexpr std::string_view duplicate_block_id = "duplicate-block-id";
inline constexpr std::string_view timestamp_malformed = "timestamp-malformed";
inline constexpr std::string_view timestamp_mismatch = "timestamp-mismatch";
inline constexpr std::string_view timestamp_out_of_range = "timestamp-out-of-range";
inline constexpr std::string_view timestamp_missing_video = "timestamp-missing-video";
inline constexpr std::string_view invalid_video_id = "invalid-video-id";
inline constexpr std::string_view frontmatter_invalid = "frontmatter-invalid";
inline constexpr std::string_view unreadable_file = "unreadable-file";
// Generated backlinks section markers that cannot be trusted (start without end, two starts).
inline constexpr std::string_view backlinks_markers = "backlinks-markers";
// A killed write left a temp file beside the note holding words the note lacks.
inline constexpr std::string_view interrupted_write = "interrupted-write";
}  // namespace code

struct Diagnostic {
  std::string path;  // vault-relative, '/'-separated
  std::uint32_t line = 1, column = 1;          // 1-based; column counts bytes
  std::uint32_t end_line = 1, end_column = 1;  // exclusive end, 1-based
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  std::optional<std::string> suggestion;  // replacement text for the range
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Orders by path, then position, then code: the order every front prints.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace vaultlink
