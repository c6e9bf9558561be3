#include "vaultlink/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace vaultlink {
namespace {

// One decoded step of a UTF-8 walk. An invalid byte is reported as a single
// byte with codepoint -1 so callers can copy it through unchanged: bad input
// must never stop a scan or crash it.
struct Step {
  std::int32_t codepoint;
  std::size_t length;
};

Step decode_at(std::string_view text, std::size_t offset) {
  utf8proc_int32_t codepoint = -1;
  auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset);
  const utf8proc_ssize_t read =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - offset), &codepoint);
  if (read <= 0) return {-1, 1};
  return {codepoint, static_cast<std::size_t>(read)};
}

void append_codepoint(std::string& out, std::int32_t codepoint) {
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t length = utf8proc_encode_char(codepoint, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii_punctuation(std::int32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

bool is_space_codepoint(std::int32_t c) {
  if (c >= 0 && c < 0x80) return is_ascii_space(static_cast<char>(c));
  const utf8proc_category_t category = utf8proc_category(c);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

bool is_unicode_punctuation(std::int32_t c) {
  const utf8proc_category_t category = utf8proc_category(c);
  return category >= UTF8PROC_CATEGORY_PC && category <= UTF8PROC_CATEGORY_PO;
}

// Walks `text`, replacing every code point for which `is_separator` holds by
// a single space per run, trimming the ends. Invalid bytes are kept.
template <typename IsSeparator>
std::string collapse_separators(std::string_view text, IsSeparator is_separator) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t offset = 0; offset < text.size();) {
    const Step step = decode_at(text, offset);
    if (step.codepoint >= 0 && is_separator(step.codepoint)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(offset, step.length));
    }
    offset += step.length;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t offset = 0; offset < text.size();) {
    const Step step = decode_at(text, offset);
    if (step.codepoint < 0) return offset;
    offset += step.length;
  }
  return std::nullopt;
}

std::string nfc(std::string_view text) {
  if (text.empty() || find_invalid_utf8(text)) return std::string(text);
  utf8proc_uint8_t* mapped = nullptr;
  // The explicit length (no UTF8PROC_NULLTERM) keeps NUL bytes inside names.
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0 || mapped == nullptr) return std::string(text);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

std::string fold_name(std::string_view text) {
  const std::string normalized = nfc(text);
  std::string out;
  out.reserve(normalized.size());
  for (std::size_t offset = 0; offset < normalized.size();) {
    const Step step = decode_at(normalized, offset);
    if (step.codepoint < 0) {
      // Not UTF-8: fold what is certainly ASCII, keep every other byte.
      const char byte = normalized[offset];
      out.push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a') : byte);
    } else {
      append_codepoint(out, utf8proc_tolower(step.codepoint));
    }
    offset += step.length;
  }
  return out;
}

std::string loose_name_key(std::string_view text) {
  return collapse_separators(fold_name(text), [](std::int32_t c) {
    return c == '_' || c == '-' || is_space_codepoint(c);
  });
}

std::string heading_key(std::string_view text) {
  const std::string spaced = collapse_separators(text, [](std::int32_t c) {
    return is_ascii_punctuation(c) || is_space_codepoint(c) || (c >= 0x80 && is_unicode_punctuation(c));
  });
  return fold_name(spaced);
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_ascii_space(text[begin])) ++begin;
  while (end > begin && is_ascii_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool has_uri_scheme(std::string_view target) {
  // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":". One letter is
  // not taken as a scheme so a Windows drive ("C:") is not mistaken for one.
  if (target.empty() || !is_ascii_alpha(target[0])) return false;
  std::size_t i = 1;
  while (i < target.size() && (is_ascii_alpha(target[i]) || is_ascii_digit(target[i]) ||
                               target[i] == '+' || target[i] == '-' || target[i] == '.')) {
    ++i;
  }
  return i >= 2 && i < target.size() && target[i] == ':';
}

std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t gave_up = limit + 1;
  if (a.size() < b.size()) std::swap(a, b);  // a is the longer one
  if (a.size() - b.size() > limit) return gave_up;
  if (b.empty()) return a.size();
  // The distance never exceeds the longer length, so a wider band is useless.
  const std::size_t band = std::min(limit, a.size());
  const std::size_t width = 2 * band + 1;
  const std::size_t far = band + 1;  // "more than the band can hold"
  // row[k] holds the distance of a[0..i) to b[0..j) with j = i + k - band.
  std::vector<std::size_t> previous(width, far);
  std::vector<std::size_t> current(width, far);
  for (std::size_t k = band; k < width && k - band <= b.size(); ++k) previous[k] = k - band;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_min = far;
    for (std::size_t k = 0; k < width; ++k) {
      current[k] = far;
      if (i + k < band) continue;  // j would be negative
      const std::size_t j = i + k - band;
      if (j > b.size()) break;
      std::size_t best = far;
      if (j == 0) {
        best = i;
      } else {
        // previous row, same j: index k + 1; same row, j - 1: index k - 1.
        const std::size_t substitute = previous[k] + (a[i - 1] == b[j - 1] ? 0 : 1);
        best = std::min(best, substitute);
        if (k + 1 < width) best = std::min(best, previous[k + 1] + 1);  // delete from a
        if (k > 0) best = std::min(best, current[k - 1] + 1);           // insert into a
      }
      current[k] = std::min(best, far);
      row_min = std::min(row_min, current[k]);
    }
    if (row_min > band) return gave_up;
    std::swap(previous, current);
  }
  const std::size_t k_end = b.size() + band - a.size();
  const std::size_t distance = previous[k_end];
  return distance > limit ? gave_up : distance;
}

}  // namespace vaultlink
