// Fuzz target: a vault's settings file. Settings::load reads .vaultlink.json
// from a real folder, so the input is written there; whatever the bytes, the
// only way out is a SettingsError naming the problem (any other exception
// would escape to the hosts as a crash).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_check.hpp"
#include "vaultlink/settings.hpp"

namespace {

const std::filesystem::path& vault() {
  static const std::filesystem::path folder = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "vaultlink-settings-fuzz-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr);
    std::atexit([] { std::filesystem::remove_all(vault()); });
    return std::filesystem::path(pattern);
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(vault() / ".vaultlink.json", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    vaultlink::Settings settings = vaultlink::Settings::load(vault());
    FUZZ_CHECK(settings.debounce_ms >= 0 && settings.git_quiet_seconds >= 0);
    for (const auto& [code, severity] : settings.severities) FUZZ_CHECK(settings.severity_of(code) == severity);
  } catch (const vaultlink::SettingsError& error) {
    FUZZ_CHECK(error.what()[0] != '\0');
  }
  return 0;
}
