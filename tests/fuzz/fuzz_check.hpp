#pragma once
// Property checks for the fuzz targets: a violated property must stop the run
// like a crash does, so libFuzzer saves the input that broke it.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                   \
  do {                                                                                          \
    if (!(condition)) {                                                                         \
      std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)

#include <string_view>

// With VAULTLINK_FUZZ_VERBOSE set, prints a decoded input (C escapes), so a
// saved crasher can be read and turned into a regression test.
inline void fuzz_show(const char* label, std::string_view bytes) {
  if (!std::getenv("VAULTLINK_FUZZ_VERBOSE")) return;
  std::fprintf(stderr, "%s: \"", label);
  for (unsigned char c : bytes) {
    if (c == '\\' || c == '"') std::fprintf(stderr, "\\%c", c);
    else if (c >= 0x20 && c < 0x7f) std::fputc(c, stderr);
    else if (c == '\n') std::fputs("\\n", stderr);
    else std::fprintf(stderr, "\\x%02x\"\"", c);
  }
  std::fputs("\"\n", stderr);
}
