#include "frontmatter.hpp"

#include <algorithm>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "vaultlink/inline_scan.hpp"
#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

// yaml-cpp parses recursively; a hostile "[[[[[[..." would exhaust the stack.
// Real frontmatter is shallow, so anything deeper than this is reported instead.
constexpr int kMaxYamlNesting = 64;

// Offset just past the line that starts at `offset` (past its '\n'), and the
// line's content without its line ending.
std::pair<std::uint32_t, std::string_view> next_line(std::string_view bytes, std::uint32_t offset) {
  auto newline = bytes.find('\n', offset);
  std::uint32_t end = newline == std::string_view::npos ? static_cast<std::uint32_t>(bytes.size())
                                                        : static_cast<std::uint32_t>(newline + 1);
  std::string_view content = bytes.substr(offset, (newline == std::string_view::npos ? bytes.size() : newline) - offset);
  if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
  return {end, content};
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}

int max_flow_nesting(std::string_view yaml) {
  int depth = 0, deepest = 0;
  for (char c : yaml) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

std::optional<std::string> scalar_text(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

void read_fields(const YAML::Node& root, Frontmatter& frontmatter) {
  if (!root.IsMap()) return;
  if (const YAML::Node aliases = root["aliases"]) {
    if (aliases.IsSequence()) {
      for (const auto& alias : aliases)
        if (auto text = scalar_text(alias)) frontmatter.aliases.push_back(*text);
    } else if (auto text = scalar_text(aliases)) {
      frontmatter.aliases.push_back(*text);  // Obsidian accepts a single alias written as a string
    }
  }
  frontmatter.video_id = scalar_text(root["videoId"]);
  frontmatter.duration = scalar_text(root["duration"]);
}

// Where a frontmatter's fences are: its YAML runs from `yaml_begin` to
// `closing` (the closing fence's line), and the body starts at `body`.
struct Fences {
  std::uint32_t yaml_begin, closing, body;
};

std::optional<Fences> find_fences(std::string_view bytes, std::uint32_t begin) {
  auto [after_open, first] = next_line(bytes, begin);
  if (!is_fence(first) || after_open >= bytes.size()) return std::nullopt;
  for (std::uint32_t offset = after_open; offset < bytes.size();) {
    auto [after, line] = next_line(bytes, offset);
    if (is_fence(line)) return Fences{after_open, offset, after};
    offset = after;
  }
  return std::nullopt;  // no closing fence: Obsidian reads the whole note as Markdown
}

}  // namespace

std::uint32_t frontmatter_end(std::string_view bytes, std::uint32_t begin) {
  const auto fences = find_fences(bytes, begin);
  return fences ? fences->body : begin;
}

std::uint32_t parse_frontmatter(std::string_view bytes, std::uint32_t begin, Note& note) {
  const auto fences = find_fences(bytes, begin);
  if (!fences) return begin;
  Frontmatter& frontmatter = note.frontmatter;
  frontmatter.present = true;
  frontmatter.range = {begin, fences->body};
  const std::string_view yaml = bytes.substr(fences->yaml_begin, fences->closing - fences->yaml_begin);
  const auto open_line = note.position_of(begin).line;
  if (max_flow_nesting(yaml) > kMaxYamlNesting) {
    frontmatter.error = "frontmatter nests lists or maps more than " + std::to_string(kMaxYamlNesting) + " deep";
    frontmatter.error_line = open_line + 1;
    return fences->body;
  }
  try {
    read_fields(YAML::Load(std::string(yaml)), frontmatter);
  } catch (const YAML::Exception& error) {
    frontmatter.error = error.msg;
    frontmatter.error_line = open_line + 1 + static_cast<std::uint32_t>(std::max(error.mark.line, 0));
    return fences->body;
  }
  if (auto id_at = yaml.find("videoId"); id_at != std::string_view::npos) {
    auto [id_end, id_line] = next_line(bytes, fences->yaml_begin + static_cast<std::uint32_t>(id_at));
    frontmatter.video_id_range = {fences->yaml_begin + static_cast<std::uint32_t>(id_at),
                                  fences->yaml_begin + static_cast<std::uint32_t>(id_at + id_line.size())};
  }
  // Rule 9: wikilinks written as values are links. Scanning the raw text
  // keeps exact offsets; quoting does not matter to the scanner.
  const std::size_t first_link = note.links.size();
  find_wikilinks(bytes, {fences->yaml_begin, fences->closing}, {}, note.links);
  for (auto link = note.links.begin() + static_cast<std::ptrdiff_t>(first_link); link != note.links.end(); ++link)
    link->syntax = LinkSyntax::frontmatter;
  return fences->body;
}

}  // namespace vaultlink
