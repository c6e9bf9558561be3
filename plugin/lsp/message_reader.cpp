#include "message_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>

namespace vaultlink::lsp {
namespace {

// Headers are a few dozen bytes; anything this long without a blank line is not a header.
constexpr std::size_t kMaxHeaderBytes = 8192;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Where the next "Content-Length" header starts after `from`, to resynchronise.
std::size_t next_header_start(const std::string& buffer, std::size_t from) {
  for (std::size_t at = buffer.find_first_of("Cc", from); at != std::string::npos; at = buffer.find_first_of("Cc", at + 1))
    if (equals_ignoring_case(std::string_view(buffer).substr(at, 14), "content-length")) return at;
  return std::string::npos;
}

}  // namespace

MessageReader::MessageReader(int fd, std::size_t max_body) : fd_(fd), max_body_(max_body) {}

bool MessageReader::fill() {
  char chunk[65536];
  for (;;) {
    const ssize_t got = ::read(fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    std::string_view bytes(chunk, static_cast<std::size_t>(got));
    // An oversized body is dropped as it arrives rather than buffered.
    const std::size_t skipped = std::min(bytes_to_skip_, bytes.size());
    bytes_to_skip_ -= skipped;
    bytes.remove_prefix(skipped);
    buffer_.append(bytes);
    return true;
  }
}

std::optional<FramedMessage> MessageReader::parse_header() {
  // Clients end header lines with \r\n; a bare \n is accepted as well.
  std::size_t end = std::string::npos, body_start = 0;
  for (std::size_t at = buffer_.find('\n'); at != std::string::npos; at = buffer_.find('\n', at + 1)) {
    const std::size_t next = at + 1;
    if (next < buffer_.size() && buffer_[next] == '\n') {
      end = at, body_start = next + 1;
      break;
    }
    if (next + 1 < buffer_.size() && buffer_[next] == '\r' && buffer_[next + 1] == '\n') {
      end = at, body_start = next + 2;
      break;
    }
  }
  if (end == std::string::npos) {
    if (buffer_.size() <= kMaxHeaderBytes) return std::nullopt;  // wait for the rest
    const std::size_t resume = next_header_start(buffer_, 1);
    buffer_.erase(0, resume == std::string::npos ? buffer_.size() : resume);
    return FramingError{"header longer than " + std::to_string(kMaxHeaderBytes) + " bytes"};
  }

  std::optional<std::size_t> length;
  std::string problem;
  std::string_view headers = std::string_view(buffer_).substr(0, end);
  while (!headers.empty() && problem.empty()) {
    const std::size_t newline = headers.find('\n');
    std::string_view line = trim_spaces(headers.substr(0, newline));
    headers = newline == std::string_view::npos ? std::string_view{} : headers.substr(newline + 1);
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      problem = "malformed header line";
      break;
    }
    if (!equals_ignoring_case(trim_spaces(line.substr(0, colon)), "content-length")) continue;  // Content-Type etc.
    std::string_view value = trim_spaces(line.substr(colon + 1));
    std::size_t parsed = 0;
    auto [rest, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc{} || rest != value.data() + value.size() || value.empty())
      problem = "Content-Length is not a number";
    else
      length = parsed;
  }
  if (problem.empty() && !length) problem = "missing Content-Length header";
  if (!problem.empty()) {
    // Drop the bad header, but not a well-formed header that follows it.
    const std::size_t resume = next_header_start(buffer_, 1);
    buffer_.erase(0, std::min(resume, body_start));
    return FramingError{problem};
  }
  buffer_.erase(0, body_start);
  if (*length > max_body_) {
    const std::size_t buffered = std::min(*length, buffer_.size());
    buffer_.erase(0, buffered);
    bytes_to_skip_ = *length - buffered;
    return FramingError{"message of " + std::to_string(*length) + " bytes is larger than the limit of " +
                        std::to_string(max_body_)};
  }
  body_length_ = length;
  return std::nullopt;
}

std::optional<FramedMessage> MessageReader::take_buffered() {
  if (!body_length_) {
    if (auto error = parse_header()) return error;
    if (!body_length_) return std::nullopt;
  }
  if (buffer_.size() < *body_length_) return std::nullopt;
  FramedBody message{buffer_.substr(0, *body_length_)};
  buffer_.erase(0, *body_length_);
  body_length_.reset();
  return message;
}

}  // namespace vaultlink::lsp
