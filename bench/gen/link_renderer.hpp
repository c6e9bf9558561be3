// Writes one link in either syntax. The same generated vault comes in two
// spellings: Obsidian wikilinks (the seed's form) and plain Markdown links with
// vault-relative paths, for comparing with Markdown-only link checkers.
#pragma once

#include <string>
#include <string_view>

#include "text_util.hpp"
#include "vault_plan.hpp"

namespace vaultgen {

class LinkRenderer {
 public:
  LinkRenderer(bool markdown, std::string from_folder) : markdown_(markdown), from_(std::move(from_folder)) {}

  // A link to note `name` in `folder`. `wiki_target` is what a wikilink writes
  // (usually the bare name; a slug or a path for the variants); `fragment` is a
  // heading link form or "^blockid"; `display` may be empty. `spaced` picks the
  // seed's "[[target | text]]" over "[[target|text]]".
  std::string note(std::string_view folder, std::string_view name, std::string_view wiki_target,
                   std::string_view fragment, std::string_view display, bool spaced) const {
    if (markdown_) {
      std::string out = "[";
      out += display.empty() ? (fragment.empty() ? name : fragment) : display;
      out += "](";
      out += percent_encode(relative_path(from_, note_path(std::string(folder), std::string(name))));
      if (!fragment.empty()) out += "#" + percent_encode(fragment);
      return out + ")";
    }
    std::string out = "[[";
    out += wiki_target;
    if (!fragment.empty()) out += "#" + std::string(fragment);
    if (!display.empty()) out += spaced ? " | " + std::string(display) : "|" + std::string(display);
    return out + "]]";
  }

  // A link to a heading of the note being written.
  std::string own_heading(std::string_view link_form) const {
    if (markdown_) return "[" + std::string(link_form) + "](#" + percent_encode(link_form) + ")";
    return "[[#" + std::string(link_form) + "]]";
  }

  // `width` 0 means no size suffix.
  std::string embed(std::string_view file, unsigned width) const {
    if (markdown_)
      return "![" + std::string(file) + "](" +
             percent_encode(relative_path(from_, std::string(kAttachmentFolder) + "/" + std::string(file))) + ")";
    std::string out = "![[" + std::string(file);
    if (width) out += "|" + std::to_string(width);
    return out + "]]";
  }

  bool markdown() const { return markdown_; }

 private:
  bool markdown_;
  std::string from_;
};

}  // namespace vaultgen
