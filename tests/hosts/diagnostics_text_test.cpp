// The ABI's diagnostics JSON, written without a JSON tree, is byte for byte
// what the engine's diagnostics_to_json(...).dump() gives: hosts and the CLI
// parse either the same way.
#include <catch2/catch.hpp>

#include "diagnostics_text.hpp"
#include "vaultlink/diagnostic_json.hpp"

using vaultlink::Diagnostic;
using vaultlink::Severity;

namespace {

Diagnostic make(std::string path, std::string message, std::optional<std::string> suggestion, Severity severity) {
  Diagnostic d;
  d.path = std::move(path);
  d.line = 3;
  d.column = 14;
  d.end_line = 4;
  d.end_column = 2;
  d.severity = severity;
  d.code = "broken-link";
  d.message = std::move(message);
  d.suggestion = std::move(suggestion);
  return d;
}

}  // namespace

TEST_CASE("diagnostics JSON text equals the engine's JSON dump", "[abi]") {
  const std::vector<Diagnostic> diagnostics = {
      make("A.md", "no note named 'B'", std::nullopt, Severity::warning),
      make("dir/Quote \"and\" back\\slash.md", "tab\there, newline\n, bell\a, unit\x1f, del\x7f", "[[B]]",
           Severity::error),
      make("Ünïcode/日本.md", "café → [[Ça]]", "[[Ça va]]", Severity::info),
  };
  for (std::size_t notes : {0u, 1u, 12u}) {
    CHECK(vaultlink::abi::diagnostics_json_text(diagnostics, notes) ==
          vaultlink::diagnostics_to_json(diagnostics, notes).dump());
  }
  CHECK(vaultlink::abi::diagnostics_json_text({}, 5) == vaultlink::diagnostics_to_json({}, 5).dump());
}

TEST_CASE("diagnostics JSON text fails on invalid UTF-8 as the engine's dump does", "[abi]") {
  const std::vector<Diagnostic> bad = {make("Bad\xff.md", "x", std::nullopt, Severity::error)};
  CHECK_THROWS_AS(vaultlink::diagnostics_to_json(bad, 1).dump(), nlohmann::json::type_error);
  CHECK_THROWS_AS(vaultlink::abi::diagnostics_json_text(bad, 1), nlohmann::json::type_error);
}
