// YouTube timestamp anchors (OBSIDIAN-LINKS.md rules 22-26). The player
// splits data-t on ':' into hours, minutes and seconds, so anything but
// HH:MM:SS seeks somewhere else than the label promises.
#include <charconv>

#include "reporter.hpp"
#include "vaultlink/validate.hpp"

namespace vaultlink {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<long> parse_number(std::string_view text) {
  long value = 0;
  if (!all_digits(text) || text.size() > 9) return std::nullopt;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

bool valid_video_id(std::string_view id) {
  return id.size() == 11 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
         });
}

// Frontmatter duration: whole seconds ("4440", also "4440.5"), or HH:MM:SS.
std::optional<long> parse_duration(std::string_view text) {
  if (auto clock = parse_timestamp(text)) return clock;
  auto dot = text.find('.');
  if (dot != std::string_view::npos && all_digits(text.substr(dot + 1))) text = text.substr(0, dot);
  return parse_number(text);
}

std::string clock_of(long seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return buffer;
}

std::string anchor_with(std::string_view data_t) {
  return "<a class=\"yt-timestamp\" data-t=\"" + std::string(data_t) + "\">[" + std::string(data_t) + "]</a>";
}

}  // namespace

std::optional<long> parse_timestamp(std::string_view text) {
  auto first = text.find(':');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos) return std::nullopt;
  std::string_view hours = text.substr(0, first), minutes = text.substr(first + 1, second - first - 1),
                   seconds = text.substr(second + 1);
  if (hours.size() < 2 || minutes.size() != 2 || seconds.size() != 2) return std::nullopt;
  auto h = parse_number(hours), m = parse_number(minutes), s = parse_number(seconds);
  if (!h || !m || !s || *m >= 60 || *s >= 60) return std::nullopt;
  return *h * 3600 + *m * 60 + *s;
}

void validate_timestamps(const Note& note, const Settings& settings, std::vector<Diagnostic>& out) {
  if (note.timestamps.empty()) return;
  Reporter reporter(&note, note.path, settings, out);
  const Frontmatter& frontmatter = note.frontmatter;

  // Rule 24: every anchor seeks in the note's video.
  if (!frontmatter.video_id) {
    reporter.report(code::timestamp_missing_video, note.timestamps.front().range,
                    "the note has timestamp anchors but no videoId in its frontmatter");
  } else if (!valid_video_id(*frontmatter.video_id)) {
    reporter.report(code::invalid_video_id, frontmatter.video_id_range,
                    "videoId " + in_quotes(*frontmatter.video_id) + " is not 11 characters of A-Z, a-z, 0-9, _ and -");
  }

  // Rule 25: anchors beyond the stated length seek past the end.
  std::optional<long> duration;
  if (frontmatter.duration) {
    duration = parse_duration(*frontmatter.duration);
    if (!duration)
      reporter.report(code::frontmatter_invalid, frontmatter.range,
                      "duration " + in_quotes(*frontmatter.duration) + " is neither seconds nor HH:MM:SS");
  }

  for (const TimestampAnchor& anchor : note.timestamps) {
    auto seconds = parse_timestamp(anchor.data_t);
    if (!seconds) {  // rule 22
      std::string message = "data-t " + in_quotes(anchor.data_t) + " is not HH:MM:SS with minutes and seconds below 60";
      std::optional<std::string> fix;
      if (std::count(anchor.data_t.begin(), anchor.data_t.end(), ':') == 1) {
        message += "; with two parts the player reads it as hours and minutes";
        const std::string padded = "00:" + anchor.data_t;
        if (parse_timestamp(padded)) fix = anchor_with(padded);
      }
      reporter.report(code::timestamp_malformed, anchor.range, message, fix);
      continue;
    }
    if (!anchor.has_label || anchor.label != anchor.data_t)  // rule 23
      reporter.report(code::timestamp_mismatch, anchor.range,
                      anchor.has_label ? "label [" + anchor.label + "] differs from data-t " + anchor.data_t
                                       : "anchor text is not the bracketed time [" + anchor.data_t + "]",
                      anchor_with(anchor.data_t));
    if (duration && *seconds > *duration)
      reporter.report(code::timestamp_out_of_range, anchor.range,
                      anchor.data_t + " is beyond the video's length " + clock_of(*duration));
    // Rule 26: anchors out of order are normal in these notes; order is not checked.
  }
}

}  // namespace vaultlink
