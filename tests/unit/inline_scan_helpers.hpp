#pragma once
// Helpers shared by the inline scanner tests: they call the scanners the way
// parse.cpp does (code spans and math first, then links outside them).
#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "vaultlink/inline_scan.hpp"

namespace vaultlink::scan_test {

inline ByteRange whole(std::string_view text) { return {0, static_cast<std::uint32_t>(text.size())}; }

inline std::string_view slice(std::string_view text, ByteRange range) {
  return text.substr(range.begin, range.end - range.begin);
}

inline std::vector<ByteRange> code_and_math(std::string_view text, ByteRange block) {
  std::vector<ByteRange> out;
  vaultlink::find_inline_code_and_math(text, block, out);
  return out;
}

inline std::vector<std::string> code_and_math_texts(std::string_view text) {
  std::vector<std::string> texts;
  for (const ByteRange& range : code_and_math(text, whole(text))) texts.emplace_back(slice(text, range));
  return texts;
}

// The way parse.cpp uses the scanners: code and math first, then links
// outside them.
inline std::vector<Link> wikilinks_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<Link> links;
  vaultlink::find_wikilinks(text, block, code, links);
  return links;
}
inline std::vector<Link> wikilinks_in(std::string_view text) { return wikilinks_in(text, whole(text)); }

inline std::vector<Link> markdown_links_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<Link> links;
  vaultlink::find_markdown_links(text, block, code, links);
  return links;
}
inline std::vector<Link> markdown_links_in(std::string_view text) { return markdown_links_in(text, whole(text)); }

inline std::vector<TimestampAnchor> anchors_in(std::string_view text, ByteRange block) {
  const std::vector<ByteRange> code = code_and_math(text, block);
  std::vector<TimestampAnchor> anchors;
  vaultlink::find_timestamp_anchors(text, block, code, anchors);
  return anchors;
}
inline std::vector<TimestampAnchor> anchors_in(std::string_view text) { return anchors_in(text, whole(text)); }

inline std::vector<std::string> targets(const std::vector<Link>& links) {
  std::vector<std::string> out;
  for (const Link& link : links) out.push_back(link.target);
  return out;
}

inline Link parse_inner(std::string_view inner) {
  Link link;
  vaultlink::parse_wikilink_inner(inner, link);
  return link;
}

inline std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

// A quadratic scan over these inputs takes many seconds; a linear one a few
// milliseconds (about a tenth of a second in a Debug sanitizer build).
// Processor time rather than wall time, so a busy shared machine does not
// make the check flaky.
template <typename Work>
inline void check_fast(Work work) {
  const std::clock_t start = std::clock();
  work();
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(seconds < 1.0);
}


}  // namespace vaultlink::scan_test
