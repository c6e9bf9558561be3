#include "message_reader.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <variant>

using namespace vaultlink::lsp;

namespace {

// A pipe holding `bytes`, closed for writing, read through a MessageReader.
struct PipeReader {
  explicit PipeReader(const std::string& bytes, std::size_t max_body = 1024) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::write(fds[1], bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    ::close(fds[1]);
    fd = fds[0];
    reader.emplace(fd, max_body);
  }
  ~PipeReader() { ::close(fd); }
  // Every message and framing error until end of input.
  std::vector<FramedMessage> all() {
    std::vector<FramedMessage> out;
    for (;;) {
      while (auto message = reader->take_buffered()) out.push_back(*message);
      if (!reader->fill()) return out;
    }
  }
  int fd;
  std::optional<MessageReader> reader;
};

std::string body_of(const FramedMessage& message) { return std::get<FramedBody>(message).body; }
bool is_error(const FramedMessage& message) { return std::holds_alternative<FramingError>(message); }

}  // namespace

TEST_CASE("messages are split by Content-Length, other headers ignored", "[message_reader]") {
  PipeReader pipe("Content-Length: 2\r\n\r\n{}Content-Type: application/json\r\ncontent-length:  3\r\n\r\n[1]");
  auto messages = pipe.all();
  REQUIRE(messages.size() == 2);
  CHECK(body_of(messages[0]) == "{}");
  CHECK(body_of(messages[1]) == "[1]");
}

TEST_CASE("bad framing is one error, and the next message still arrives", "[message_reader]") {
  const std::string next = "Content-Length: 2\r\n\r\n{}";
  const std::string bad = GENERATE(as<std::string>{},
                                   "Content-Type: x\r\n\r\n",                   // no Content-Length
                                   "garbage without colon\r\n",                   // not a header
                                   "Content-Length: 12abc\r\n\r\n",             // not a number
                                   "Content-Length: 2000\r\n\r\n" + std::string(2000, 'x'));  // over the limit
  PipeReader pipe(bad + next, 1024);
  auto messages = pipe.all();
  REQUIRE(messages.size() == 2);
  CHECK(is_error(messages[0]));
  CHECK(body_of(messages[1]) == "{}");
}

TEST_CASE("a truncated body at end of input yields nothing", "[message_reader]") {
  PipeReader pipe("Content-Length: 10\r\n\r\n{}");
  CHECK(pipe.all().empty());
}
