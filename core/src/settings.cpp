#include "vaultlink/settings.hpp"

#include <fstream>
#include <sstream>

#include "vaultlink/manifest.hpp"

namespace vaultlink {
namespace {

using nlohmann::json;

const json& manifest_settings() {
  static const json settings = json::parse(embedded_manifest()).at("settings");
  return settings;
}

// The manifest's type names mapped onto JSON value kinds.
bool has_manifest_type(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "integer") return value.is_number_integer();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  return false;
}

std::vector<std::string> string_list(const json& value, std::string_view key, std::string_view origin) {
  std::vector<std::string> out;
  for (const auto& item : value) {
    if (!item.is_string())
      throw SettingsError(std::string(origin) + ": setting '" + std::string(key) + "' must list strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

void apply_severities(Settings& settings, const json& value, std::string_view origin) {
  const json& known = manifest_settings().at("severities").at("default");
  for (const auto& [code, level] : value.items()) {
    if (!known.contains(code))
      throw SettingsError(std::string(origin) + ": unknown diagnostic code '" + code + "' in 'severities'");
    auto severity = level.is_string() ? severity_from_string(level.get<std::string>()) : std::nullopt;
    if (!severity)
      throw SettingsError(std::string(origin) + ": severity of '" + code +
                          "' must be one of error, warning, info, off");
    settings.severities[code] = *severity;
  }
}

int bounded_int(const json& value, std::string_view key, std::string_view origin) {
  auto number = value.get<std::int64_t>();
  if (number < 0 || number > 1'000'000'000)
    throw SettingsError(std::string(origin) + ": setting '" + std::string(key) + "' is out of range");
  return static_cast<int>(number);
}

}  // namespace

Severity Settings::severity_of(std::string_view code) const {
  auto found = severities.find(code);
  return found == severities.end() ? Severity::error : found->second;
}

void Settings::apply(const json& values, std::string_view origin) {
  if (!values.is_object()) throw SettingsError(std::string(origin) + ": settings must be a JSON object");
  const json& schema = manifest_settings();
  for (const auto& [key, value] : values.items()) {
    if (!schema.contains(key)) throw SettingsError(std::string(origin) + ": unknown setting '" + key + "'");
    const std::string type = schema.at(key).at("type").get<std::string>();
    if (!has_manifest_type(value, type))
      throw SettingsError(std::string(origin) + ": setting '" + key + "' must be of type " + type);

    if (key == "severities") apply_severities(*this, value, origin);
    else if (key == "excludedFolders") excluded_folders = string_list(value, key, origin);
    else if (key == "maxNoteBytes") max_note_bytes = static_cast<std::uint64_t>(bounded_int(value, key, origin));
    else if (key == "backlinksHeading") backlinks_heading = value.get<std::string>();
    else if (key == "backlinksRemoveWhenEmpty") backlinks_remove_when_empty = value.get<bool>();
    else if (key == "gitInit") git_init = value.get<bool>();
    else if (key == "gitAutoCommit") git_auto_commit = value.get<bool>();
    else if (key == "gitQuietSeconds") git_quiet_seconds = bounded_int(value, key, origin);
    else if (key == "gitMessageTemplate") git_message_template = value.get<std::string>();
    else if (key == "gitRemote") git_remote = value.get<std::string>();
    else if (key == "gitAuthorName") git_author_name = value.get<std::string>();
    else if (key == "gitAuthorEmail") git_author_email = value.get<std::string>();
    else if (key == "gitIgnoredPaths") git_ignored_paths = string_list(value, key, origin);
    else if (key == "debounceMs") debounce_ms = bounded_int(value, key, origin);
    else throw SettingsError(std::string(origin) + ": setting '" + key + "' is in the manifest but not handled");
  }
}

Settings Settings::defaults() {
  Settings settings;
  json values = json::object();
  for (const auto& [key, spec] : manifest_settings().items()) values[key] = spec.at("default");
  settings.apply(values, "manifest");
  return settings;
}

Settings Settings::load(const std::filesystem::path& vault_root, const json& overrides) {
  Settings settings = defaults();
  for (const char* name : kVaultSettingsFiles) {
    std::filesystem::path file = vault_root / name;
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) continue;
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    json values = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (values.is_discarded()) throw SettingsError(file.string() + ": not valid JSON");
    settings.apply(values, file.string());
    break;  // the first settings file found wins; they are alternatives, not layers
  }
  settings.apply(overrides, "host settings");
  return settings;
}

}  // namespace vaultlink
