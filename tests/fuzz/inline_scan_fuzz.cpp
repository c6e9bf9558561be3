// Fuzz target: the inline scanners on one leaf block, as parse.cpp drives
// them (code spans and math first, then links and anchors outside them). The
// block is a fuzzed sub-range, possibly out of bounds, because callers pass
// cmark's positions and a stale range must be clamped, never read past.
#include <cstddef>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "vaultlink/inline_scan.hpp"

using vaultlink::ByteRange;

namespace {

template <typename Item>
void check_in_block(const std::vector<Item>& items, ByteRange block, std::size_t size,
                    const std::vector<ByteRange>& excluded) {
  std::uint32_t previous = 0;
  for (const auto& item : items) {
    FUZZ_CHECK(item.range.begin <= item.range.end && item.range.end <= size);
    FUZZ_CHECK(item.range.begin >= block.begin && item.range.end <= block.end);
    FUZZ_CHECK(item.range.begin >= previous);
    FUZZ_CHECK(!vaultlink::in_ranges(excluded, item.range.begin));
    previous = item.range.begin;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const bool whole = input.ConsumeBool();
  ByteRange block{input.ConsumeIntegral<std::uint16_t>(), input.ConsumeIntegral<std::uint16_t>()};
  const std::string text = input.ConsumeRemainingBytesAsString();
  if (whole) block = {0, static_cast<std::uint32_t>(text.size())};

  std::vector<ByteRange> code;
  vaultlink::find_inline_code_and_math(text, block, code);
  const ByteRange clamped{std::min<std::uint32_t>(std::min<std::uint32_t>(block.begin, block.end), text.size()),
                          std::min<std::uint32_t>(block.end, text.size())};
  for (std::size_t i = 0; i < code.size(); ++i) {
    FUZZ_CHECK(code[i].begin < code[i].end && code[i].end <= text.size());
    FUZZ_CHECK(code[i].begin >= clamped.begin && code[i].end <= clamped.end);
    if (i > 0) FUZZ_CHECK(code[i - 1].end <= code[i].begin);  // sorted, non-overlapping
  }

  std::vector<vaultlink::Link> wikilinks, markdown;
  std::vector<vaultlink::TimestampAnchor> anchors;
  vaultlink::find_wikilinks(text, block, code, wikilinks);
  vaultlink::find_markdown_links(text, block, code, markdown);
  vaultlink::find_timestamp_anchors(text, block, code, anchors);
  check_in_block(wikilinks, clamped, text.size(), code);
  check_in_block(markdown, clamped, text.size(), code);
  check_in_block(anchors, clamped, text.size(), code);

  // The inner splitter on its own, with whatever bytes: it must classify, not crash.
  vaultlink::Link link;
  vaultlink::parse_wikilink_inner(text, link);
  if (link.malformed.empty()) FUZZ_CHECK(link.target.size() + link.subpath.size() + link.display.size() <= text.size());
  return 0;
}
