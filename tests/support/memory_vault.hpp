#pragma once
// A vault built in memory from {path, text} pairs: parse, index and resolve
// exactly as a loaded vault does, without touching the disk. For rule tests.
#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "vaultlink/graph.hpp"
#include "vaultlink/index.hpp"
#include "vaultlink/parse.hpp"
#include "vaultlink/settings.hpp"
#include "vaultlink/validate.hpp"

namespace vaultlink::test {

struct MemoryVault {
  VaultIndex index;
  LinkGraph graph;
  Settings settings = Settings::defaults();

  MemoryVault(std::initializer_list<std::pair<std::string, std::string>> files) {
    for (const auto& [path, text] : files) add(path, text);
    graph.rebuild(index);
  }

  void add(const std::string& path, const std::string& text) {
    VaultFile file;
    file.path = path;
    file.is_note = is_note_path(path);
    if (file.is_note) file.note = std::make_shared<const Note>(parse_note(path, text));
    index.upsert(std::move(file));
  }

  Resolution resolve(const std::string& from, const std::string& target) const {
    return resolve_wikilink(index, from, target);
  }

  std::vector<Diagnostic> check(const std::string& path) const {
    SuggestionCache suggestions;
    auto out = validate_note(index, graph, settings, *index.find(path), suggestions);
    sort_diagnostics(out);
    return out;
  }

  // Codes of the diagnostics of one note, in order.
  std::vector<std::string> codes(const std::string& path) const {
    std::vector<std::string> out;
    for (const auto& diagnostic : check(path)) out.push_back(diagnostic.code);
    return out;
  }
};

}  // namespace vaultlink::test
