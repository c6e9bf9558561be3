// Fuzz target: YAML frontmatter. The input is put after a "---" line so
// yaml-cpp always sees it (a random input rarely starts with one), and the
// closing line may or may not be there.
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontmatter.hpp"
#include "fuzz_check.hpp"
#include "vaultlink/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = "---\n" + std::string(reinterpret_cast<const char*>(data), size);

  vaultlink::Note direct;
  direct.size = text.size();
  const std::uint32_t body = vaultlink::parse_frontmatter(text, 0, direct);
  FUZZ_CHECK(body <= text.size());
  if (direct.frontmatter.present) {
    FUZZ_CHECK(direct.frontmatter.range.begin == 0 && direct.frontmatter.range.end <= text.size());
    FUZZ_CHECK(body >= direct.frontmatter.range.end);
  } else {
    FUZZ_CHECK(body == 0);
  }
  for (const auto& link : direct.links) FUZZ_CHECK(link.range.end <= text.size());

  // And as the parser uses it: an invalid frontmatter's error line must name a real line.
  vaultlink::Note note = vaultlink::parse_note("fuzz.md", text);
  for (const auto& problem : note.problems) FUZZ_CHECK(problem.range.end <= text.size());
  if (!note.frontmatter.error.empty()) FUZZ_CHECK(note.frontmatter.error_line >= 1);
  return 0;
}
