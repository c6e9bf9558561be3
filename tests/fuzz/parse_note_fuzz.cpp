// Fuzz target: a whole note through the parser (frontmatter, cmark-gfm blocks,
// the inline scanners). Besides not crashing, every range the model reports
// must lie inside the note, since validators and hosts index the bytes with them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "vaultlink/parse.hpp"

namespace {

bool inside(const vaultlink::ByteRange& range, std::size_t size) {
  return range.begin <= range.end && range.end <= size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  vaultlink::Note note = vaultlink::parse_note("fuzz.md", bytes);

  FUZZ_CHECK(note.size == size);
  FUZZ_CHECK(!note.line_starts.empty() && note.line_starts.front() == 0);
  for (std::size_t i = 1; i < note.line_starts.size(); ++i) FUZZ_CHECK(note.line_starts[i - 1] < note.line_starts[i]);
  std::uint32_t previous = 0;
  for (const auto& link : note.links) {
    FUZZ_CHECK(inside(link.range, size));
    FUZZ_CHECK(link.range.begin >= previous);  // document order
    previous = link.range.begin;
    auto position = note.position_of(link.range.begin);
    FUZZ_CHECK(position.line >= 1 && position.line <= note.line_starts.size());
    if (note.generated) FUZZ_CHECK(!note.generated->range.contains(link.range.begin));
  }
  for (const auto& heading : note.headings) {
    FUZZ_CHECK(inside(heading.range, size));
    FUZZ_CHECK(heading.level >= 1 && heading.level <= 6);
  }
  for (std::size_t i = 0; i < note.headings.size(); ++i) FUZZ_CHECK(note.section_end(i) <= size);
  for (const auto& id : note.block_ids) FUZZ_CHECK(inside(id.range, size));
  for (const auto& anchor : note.timestamps) FUZZ_CHECK(inside(anchor.range, size));
  for (const auto& code : note.code) FUZZ_CHECK(inside(code, size));
  for (const auto& problem : note.problems) FUZZ_CHECK(inside(problem.range, size));
  if (note.frontmatter.present) FUZZ_CHECK(inside(note.frontmatter.range, size));
  if (note.generated) FUZZ_CHECK(inside(note.generated->range, size));
  return 0;
}
