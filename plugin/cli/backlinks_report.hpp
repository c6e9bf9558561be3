#pragma once
// The library's backlinks report (vl_vault_backlinks_update) as the CLI
// prints it: one list in path order of the notes written (or, checking,
// stale) and of the notes left alone with a problem. Unchanged notes are only
// counted.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vaultlink::cli {

struct BacklinksOutcome {
  std::string path;
  std::string status;  // "updated" (checking: "stale"), "malformed" or "error"
  std::string message;
  std::size_t line = 0;
};

struct BacklinksReport {
  std::vector<BacklinksOutcome> outcomes;
  std::size_t changed = 0, unchanged = 0, malformed = 0, errors = 0;
};

BacklinksReport read_backlinks_report(const nlohmann::json& json, bool check);

}  // namespace vaultlink::cli
