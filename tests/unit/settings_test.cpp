#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "sandbox.hpp"
#include "vaultlink/manifest.hpp"
#include "vaultlink/settings.hpp"

using vaultlink::Settings;
using vaultlink::SettingsError;
using vaultlink::Severity;

TEST_CASE("defaults are the manifest's", "[settings]") {
  auto manifest = nlohmann::json::parse(vaultlink::embedded_manifest());
  Settings settings = Settings::defaults();
  CHECK(settings.backlinks_heading == manifest["settings"]["backlinksHeading"]["default"]);
  CHECK(settings.git_remote == manifest["settings"]["gitRemote"]["default"]);
  CHECK(settings.severity_of("broken-link") == Severity::warning);
  CHECK(settings.severity_of("broken-heading") == Severity::error);
  CHECK(settings.max_note_bytes == manifest["settings"]["maxNoteBytes"]["default"].get<std::uint64_t>());
}

TEST_CASE("every code of the manifest's severities is a known diagnostic code", "[settings]") {
  auto manifest = nlohmann::json::parse(vaultlink::embedded_manifest());
  for (const char* code : {"broken-link", "broken-heading", "broken-block", "ambiguous-link", "malformed-link",
                           "duplicate-block-id", "timestamp-malformed", "timestamp-mismatch", "timestamp-out-of-range",
                           "timestamp-missing-video", "invalid-video-id", "frontmatter-invalid", "unreadable-file",
                           "backlinks-markers", "interrupted-write"})
    CHECK(manifest["settings"]["severities"]["default"].contains(code));
}

TEST_CASE("unknown keys and wrong types are errors naming the key", "[settings]") {
  Settings settings = Settings::defaults();
  CHECK_THROWS_WITH(settings.apply({{"backlinkHeading", "x"}}, "test"), Catch::Contains("backlinkHeading"));
  CHECK_THROWS_WITH(settings.apply({{"debounceMs", "fast"}}, "test"), Catch::Contains("debounceMs"));
  CHECK_THROWS_WITH(settings.apply({{"severities", {{"broken-link", "loud"}}}}, "test"), Catch::Contains("broken-link"));
  CHECK_THROWS_WITH(settings.apply({{"severities", {{"no-such-code", "error"}}}}, "test"), Catch::Contains("no-such-code"));
}

TEST_CASE("the vault's settings file, then the host's overrides", "[settings]") {
  vaultlink::test::Sandbox sandbox;
  sandbox.write(".vaultlink.json", R"({"backlinksHeading": "## Linked from", "severities": {"broken-link": "error"}})");
  Settings settings = Settings::load(sandbox.root(), {{"severities", {{"broken-link", "off"}}}});
  CHECK(settings.backlinks_heading == "## Linked from");
  CHECK(settings.severity_of("broken-link") == Severity::off);
}

TEST_CASE("the Obsidian plugin data file is read when there is no .vaultlink.json", "[settings]") {
  vaultlink::test::Sandbox sandbox;
  sandbox.write(".obsidian/plugins/vaultlink/data.json", R"({"gitRemote": "backup"})");
  CHECK(Settings::load(sandbox.root()).git_remote == "backup");
}

TEST_CASE("a settings file that is not JSON is an error naming the file", "[settings]") {
  vaultlink::test::Sandbox sandbox;
  sandbox.write(".vaultlink.json", "{ not json");
  CHECK_THROWS_WITH(Settings::load(sandbox.root()), Catch::Contains(".vaultlink.json"));
}

TEST_CASE("the settings JSON Schema describes exactly the manifest's settings", "[settings][schema]") {
  auto manifest = nlohmann::json::parse(vaultlink::embedded_manifest());
  auto schema = vaultlink::settings_json_schema();
  CHECK(schema["additionalProperties"] == false);
  REQUIRE(schema["properties"].size() == manifest["settings"].size());
  for (const auto& [key, spec] : manifest["settings"].items()) {
    INFO(key);
    CHECK(schema["properties"][key]["type"] == spec["type"]);
    CHECK(schema["properties"][key]["default"] == spec["default"]);
  }
  // The schema's defaults are settings the engine accepts.
  Settings settings = Settings::defaults();
  nlohmann::json defaults = nlohmann::json::object();
  for (const auto& [key, property] : schema["properties"].items()) defaults[key] = property["default"];
  CHECK_NOTHROW(settings.apply(defaults, "schema defaults"));
  CHECK(schema["properties"]["severities"]["properties"].contains("broken-link"));
}
