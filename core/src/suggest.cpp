#include "vaultlink/suggest.hpp"

#include <algorithm>

#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

// Edits allowed for a "close spelling": about one per five characters, at most three.
std::size_t spelling_limit(std::size_t length) { return std::clamp<std::size_t>(length / 5, 1, 3); }

std::string_view name_without_md(std::string_view path) {
  std::string_view name = file_name(path);
  return is_note_path(name) ? name.substr(0, name.size() - 3) : name;
}

std::string percent_encode_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c == ' ' || c == '%' || c == '(' || c == ')' || c == '#' || c < 0x20) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::optional<TargetSuggestion> suggest_target(const VaultIndex& index, std::string_view target) {
  const std::string folded = fold_name(trim(target));
  if (folded.empty()) return std::nullopt;
  if (const auto& aliased = index.notes_with_alias(folded); !aliased.empty())
    return TargetSuggestion{TargetSuggestion::Reason::alias, aliased.front()};

  const std::string_view written_name = file_name(trim(target));
  if (const auto& loose = index.files_loosely_named(loose_name_key(written_name)); !loose.empty())
    return TargetSuggestion{TargetSuggestion::Reason::loose_name, loose.front()};

  const std::string wanted = fold_name(written_name);
  const std::size_t limit = spelling_limit(wanted.size());
  std::optional<TargetSuggestion> best;
  std::size_t best_distance = limit + 1;
  for (const auto& [path, file] : index.files()) {
    const std::string_view name = file.is_note ? name_without_md(path) : file_name(path);
    const std::size_t gap = name.size() > wanted.size() ? name.size() - wanted.size() : wanted.size() - name.size();
    if (gap > limit + 2) continue;  // folding may change byte lengths a little, never by much
    const std::size_t distance = bounded_edit_distance(fold_name(name), wanted, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = TargetSuggestion{TargetSuggestion::Reason::spelling, path};
      if (distance <= 1) break;
    }
  }
  return best;
}

std::string rewrite_link(const Link& link, std::string_view new_target, std::string_view display) {
  std::string text = link.embed ? "!" : "";
  if (link.syntax == LinkSyntax::markdown) {
    text += "[" + std::string(display) + "](" + percent_encode_path(new_target);
    if (link.has_subpath) text += "#" + percent_encode_path(link.subpath);
    return text + ")";
  }
  text += "[[" + std::string(new_target);
  if (link.has_subpath) text += "#" + link.subpath;
  if (!display.empty()) text += "|" + std::string(display);
  return text + "]]";
}

std::optional<std::string> suggest_heading(const Note& note, std::string_view wanted) {
  const std::string wanted_key = heading_key(wanted);
  const std::size_t limit = spelling_limit(wanted_key.size());
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const Heading& heading : note.headings) {
    const std::size_t distance = bounded_edit_distance(heading_key(heading.text), wanted_key, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = heading.text;
    }
  }
  return best;
}

}  // namespace vaultlink
