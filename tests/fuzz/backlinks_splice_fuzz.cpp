// Fuzz target: splicing the generated backlinks section into a note the way
// the updater does (section located by the parser, splice_backlinks_verified),
// with the properties the backlinks writer promises (README, backlinks.hpp):
//  - a note whose markers cannot be trusted is returned unchanged;
//  - every byte outside the section is unchanged;
//  - splicing twice equals splicing once;
//  - removing the section after adding it gives back the original bytes.
// The section body comes from render_backlinks with a fuzzed heading (the
// backlinksHeading setting is user text) and fuzzed link targets.
#include <cstddef>
#include <cstdint>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "vaultlink/backlinks.hpp"
#include "vaultlink/parse.hpp"

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// As backlinks_update.cpp: the parser decides where the section is.
vaultlink::SpliceResult splice_as_updater(std::string_view text, const std::vector<std::string>& body,
                                          vaultlink::SectionScan* scan_out = nullptr) {
  const vaultlink::SectionScan scan = vaultlink::section_scan_of(vaultlink::parse_note("fuzz.md", text), text);
  if (scan_out) *scan_out = scan;
  auto result = vaultlink::splice_backlinks_verified(text, body, scan);
  if (result.problem) fuzz_show("problem", result.problem->message);
  return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  const std::string heading = input.ConsumeRandomLengthString(64);
  std::vector<vaultlink::BacklinkGroup> groups(input.ConsumeIntegralInRange<int>(0, 3));
  for (auto& group : groups) group.link_target = input.ConsumeRandomLengthString(32);
  const std::string text = input.ConsumeRemainingBytesAsString();
  const std::vector<std::string> body = vaultlink::render_backlinks(groups, heading);
  fuzz_show("text", text);
  for (const auto& line : body) fuzz_show("body line", line);

  vaultlink::SectionScan scan;
  const vaultlink::SpliceResult once = splice_as_updater(text, body, &scan);
  if (once.problem) {
    FUZZ_CHECK(once.text == text);
    return 0;
  }
  fuzz_show("spliced", once.text);

  if (scan.section) {
    FUZZ_CHECK(starts_with(once.text, std::string_view(text).substr(0, scan.section->begin)));
    FUZZ_CHECK(ends_with(once.text, std::string_view(text).substr(scan.section->end)));
  } else {
    FUZZ_CHECK(starts_with(once.text, text));
    if (body.empty()) FUZZ_CHECK(once.text == text);
  }
  if (body.empty()) return 0;

  const vaultlink::SpliceResult twice = splice_as_updater(once.text, body);
  FUZZ_CHECK(!twice.problem);
  FUZZ_CHECK(twice.text == once.text);
  if (!scan.section) {
    const vaultlink::SpliceResult removed = splice_as_updater(once.text, {});
    FUZZ_CHECK(!removed.problem);
    FUZZ_CHECK(removed.text == text);
  }
  return 0;
}
