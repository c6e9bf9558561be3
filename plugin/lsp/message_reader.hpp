#pragma once
// Reads LSP base-protocol messages ("Content-Length: N\r\n\r\n" + N bytes of
// JSON) from a file descriptor. A client that sends garbage must not bring the
// server down, so bad framing is reported as a FramingError and the reader
// resynchronises on the next header instead of giving up.
#include <cstddef>
#include <optional>
#include <string>
#include <variant>

namespace vaultlink::lsp {

struct FramedBody {
  std::string body;
};
struct FramingError {
  std::string message;
};
using FramedMessage = std::variant<FramedBody, FramingError>;

class MessageReader {
 public:
  // Bodies larger than max_body are skipped (read and dropped, never held in memory).
  explicit MessageReader(int fd, std::size_t max_body = 64u << 20);

  // The next complete message or framing error already read, without blocking.
  std::optional<FramedMessage> take_buffered();

  // Reads once from the descriptor (blocking until some bytes or end of
  // input arrive). False at end of input or on a read error.
  bool fill();

  int fd() const { return fd_; }

 private:
  std::optional<FramedMessage> parse_header();

  int fd_;
  std::size_t max_body_;
  std::string buffer_;
  std::optional<std::size_t> body_length_;  // set once a header was parsed
  std::size_t bytes_to_skip_ = 0;           // what is left of an oversized body
};

}  // namespace vaultlink::lsp
