#include "vaultlink/suggest.hpp"

#include <algorithm>
#include <cstdlib>

#include "vaultlink/text.hpp"

namespace vaultlink {
namespace {

// Edits allowed for a "close spelling": about one per five characters, at most three.
std::size_t spelling_limit(std::size_t length) { return std::clamp<std::size_t>(length / 5, 1, 3); }

std::string_view name_without_md(std::string_view path) {
  std::string_view name = file_name(path);
  return is_note_path(name) ? name.substr(0, name.size() - 3) : name;
}

// Byte counts folded into 32 buckets: a cheap lower bound on edit distance
// (merging letters into buckets can only shrink the difference).
std::array<std::uint8_t, 32> letter_counts(std::string_view text) {
  std::array<std::uint8_t, 32> counts{};
  for (unsigned char c : text)
    if (counts[c & 31] < 255) ++counts[c & 31];
  return counts;
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

NameCatalogue::NameCatalogue(const VaultIndex& index) {
  entries_.reserve(index.files().size());
  for (const auto& [path, file] : index.files()) {
    Entry entry{fold_name(file.is_note ? name_without_md(path) : file_name(path)), path, letter_counts({})};
    entry.letters = letter_counts(entry.name);
    entries_.push_back(std::move(entry));
  }
}

std::optional<std::string> NameCatalogue::closest(std::string_view wanted) const {
  const std::size_t limit = spelling_limit(wanted.size());
  const auto wanted_letters = letter_counts(wanted);
  const Entry* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const Entry& entry : entries_) {
    const std::size_t gap = entry.name.size() > wanted.size() ? entry.name.size() - wanted.size() : wanted.size() - entry.name.size();
    if (gap >= best_distance) continue;
    // Each edit changes the letter counts by at most two.
    std::size_t difference = 0;
    for (std::size_t i = 0; i < wanted_letters.size(); ++i)
      difference += static_cast<std::size_t>(std::abs(int(entry.letters[i]) - int(wanted_letters[i])));
    if ((difference + 1) / 2 >= best_distance) continue;
    const std::size_t distance = bounded_edit_distance(entry.name, wanted, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = &entry;
      if (distance <= 1) break;
    }
  }
  if (!best) return std::nullopt;
  return best->path;
}

std::optional<TargetSuggestion> suggest_target(const VaultIndex& index, const NameCatalogue& names,
                                               std::string_view target) {
  const std::string folded = fold_name(trim(target));
  if (folded.empty()) return std::nullopt;
  if (const auto& aliased = index.notes_with_alias(folded); !aliased.empty())
    return TargetSuggestion{TargetSuggestion::Reason::alias, aliased.front()};

  std::string_view written_name = file_name(trim(target));
  if (is_note_path(written_name)) written_name.remove_suffix(3);  // notes are named without ".md"
  if (const auto& loose = index.files_loosely_named(loose_name_key(written_name)); !loose.empty())
    return TargetSuggestion{TargetSuggestion::Reason::loose_name, loose.front()};

  const std::string wanted = fold_name(written_name);
  if (auto path = names.closest(wanted)) return TargetSuggestion{TargetSuggestion::Reason::spelling, *path};
  return std::nullopt;
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
