#pragma once
// Settings of one vault: the manifest's defaults, then the vault's own settings
// file, then the host's overrides. Every key and type is checked against the
// manifest, so a typo is an error that names the key rather than a silent default.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink/diagnostic.hpp"

namespace vaultlink {

struct Settings {
  std::map<std::string, Severity, std::less<>> severities;  // by diagnostic code
  std::vector<std::string> excluded_folders;
  std::uint64_t max_note_bytes = 0;
  std::string backlinks_heading;
  bool backlinks_remove_when_empty = true;
  bool git_init = false;
  bool git_auto_commit = true;
  int git_quiet_seconds = 0;
  std::string git_message_template;
  std::string git_remote;
  std::string git_author_name;
  std::string git_author_email;
  std::vector<std::string> git_ignored_paths;
  int debounce_ms = 0;

  // Severity for a diagnostic code; Severity::off when the code is switched off.
  Severity severity_of(std::string_view code) const;

  // The manifest's defaults.
  static Settings defaults();
  // Defaults, overlaid with the vault's settings file (.vaultlink.json, else
  // .obsidian/plugins/vaultlink/data.json), overlaid with `overrides`.
  // Throws SettingsError naming the offending key and file.
  static Settings load(const std::filesystem::path& vault_root,
                       const nlohmann::json& overrides = nlohmann::json::object());
  // Applies one JSON object of settings; throws SettingsError on an unknown
  // key or a wrong type.
  void apply(const nlohmann::json& values, std::string_view origin);
};

struct SettingsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The settings file names, relative to the vault root, in the order they are tried.
inline constexpr const char* kVaultSettingsFiles[] = {".vaultlink.json",
                                                     ".obsidian/plugins/vaultlink/data.json"};

}  // namespace vaultlink

namespace vaultlink {
// A JSON Schema (draft 2020-12) for a vault's settings file, derived from the
// manifest so no type, default or description is written twice.
nlohmann::json settings_json_schema();
}  // namespace vaultlink
