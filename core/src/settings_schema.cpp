#include <string>

#include "vaultlink/manifest.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink {

nlohmann::json settings_json_schema() {
  const auto manifest = nlohmann::json::parse(embedded_manifest());
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& [key, spec] : manifest.at("settings").items()) {
    nlohmann::json property = {{"type", spec.at("type")},
                               {"default", spec.at("default")},
                               {"description", spec.at("description")}};
    if (key == "severities") {
      // Each code maps to a level; the codes are the manifest's own list.
      nlohmann::json codes = nlohmann::json::object();
      for (const auto& [code, level] : spec.at("default").items())
        codes[code] = {{"enum", {"error", "warning", "info", "off"}}};
      property["properties"] = codes;
      property["additionalProperties"] = false;
    }
    if (spec.at("type") == "array") property["items"] = {{"type", "string"}};
    if (spec.at("type") == "integer") property["minimum"] = 0;
    properties[key] = property;
  }
  return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
          {"$id", "vaultlink-settings.schema.json"},
          {"title", manifest.at("name").get<std::string>() + " settings"},
          {"type", "object"},
          {"properties", properties},
          {"additionalProperties", false}};
}

}  // namespace vaultlink
