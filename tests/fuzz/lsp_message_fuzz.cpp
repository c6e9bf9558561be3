// Fuzz target: the language server's input side, the bytes a client sends on
// stdin. The MessageReader splits them into Content-Length frames, and each
// body goes through the JSON-RPC Dispatcher (JSON parse, request checks,
// handler errors) exactly as `vaultlink lsp` does. Properties:
//  - no crash, no hang: every take_buffered() that returns something
//    consumed input, and end of input ends the reading;
//  - framing does not depend on how the bytes arrive: the input written to
//    the pipe at once or in pieces of random sizes gives the same messages
//    and errors (inputs up to the reader's 8 KB header bound, past which an
//    unfinished header is an error that depends on what has arrived);
//  - every body is bytes of the input, never invented or reordered;
//  - garbage is not fatal: input without any Content-Length header followed
//    by a well-formed frame yields only framing errors, then that frame;
//  - every response the dispatcher makes can be serialised (dump() would
//    throw on invalid UTF-8) and is a JSON-RPC result or error.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fuzz_check.hpp"
#include "message_reader.hpp"
#include "rpc_dispatcher.hpp"

using vaultlink::lsp::Dispatcher;
using vaultlink::lsp::FramedBody;
using vaultlink::lsp::FramedMessage;
using vaultlink::lsp::FramingError;
using vaultlink::lsp::json;
using vaultlink::lsp::MessageReader;

namespace {

// What the reader produced, comparable across runs: bodies as they are,
// errors with a marker byte no body comparison can confuse.
struct Output {
  bool error;
  std::string text;
  friend bool operator==(const Output&, const Output&) = default;
};

// A pipe never holds more than this without a reader (Linux's default size):
// pieces are at most this long, so a write never blocks the single thread.
constexpr std::size_t kPipePiece = 65536;

// Writes `input` into a pipe in pieces (each read by one fill()), taking
// every message after each piece, until end of input. `piece_size` chooses
// the length of the next piece.
template <typename PieceSize>
std::vector<Output> read_all(std::string_view input, std::size_t max_body, PieceSize piece_size) {
  int fds[2];
  FUZZ_CHECK(::pipe2(fds, O_CLOEXEC) == 0);
  MessageReader reader(fds[0], max_body);
  std::vector<Output> outputs;
  std::size_t fed = 0;
  auto take_all = [&] {
    while (auto message = reader.take_buffered()) {
      if (const auto* body = std::get_if<FramedBody>(&*message)) outputs.push_back({false, body->body});
      else outputs.push_back({true, std::get<FramingError>(*message).message});
      // Each message or error consumes at least one byte: more outputs than
      // bytes fed means take_buffered() returns without progress (a hang).
      FUZZ_CHECK(outputs.size() <= fed + 1);
    }
  };
  while (fed < input.size()) {
    const std::size_t length = std::min({piece_size(), input.size() - fed, kPipePiece});
    FUZZ_CHECK(::write(fds[1], input.data() + fed, length) == static_cast<ssize_t>(length));
    fed += length;
    FUZZ_CHECK(reader.fill());
    take_all();
  }
  ::close(fds[1]);
  FUZZ_CHECK(!reader.fill());  // end of input is seen as such
  take_all();
  ::close(fds[0]);
  return outputs;
}

std::vector<Output> read_at_once(std::string_view input, std::size_t max_body) {
  return read_all(input, max_body, [] { return kPipePiece; });
}

std::vector<Output> read_in_pieces(std::string_view input, std::size_t max_body) {
  std::minstd_rand random(static_cast<std::uint32_t>(std::hash<std::string_view>{}(input)));
  // Mostly pieces of a header's size, now and then single bytes (a split
  // inside "\r\n\r\n" or inside a number).
  return read_all(input, max_body, [&] { return std::size_t{1} + random() % (random() % 4 == 0 ? 3 : 96); });
}

bool has_content_length(std::string_view input) {
  constexpr std::string_view kName = "content-length";
  for (std::size_t at = 0; at + kName.size() <= input.size(); ++at) {
    std::size_t matched = 0;
    while (matched < kName.size() && std::tolower(static_cast<unsigned char>(input[at + matched])) == kName[matched])
      ++matched;
    if (matched == kName.size()) return true;
  }
  return false;
}

// A dispatcher shaped like the server's: a gate, requests that read their
// params (so wrong types raise json exceptions), a notification that throws.
Dispatcher& dispatcher() {
  static Dispatcher instance = [] {
    Dispatcher d;
    d.set_gate([](std::string_view method, bool) {
      if (method == "gated") throw vaultlink::lsp::RpcError(vaultlink::lsp::rpc_error::server_not_initialized, "no");
    });
    d.on_request("initialize", [](const json& params) { return json{{"echo", params.value("processId", 0)}}; });
    d.on_request("textDocument/hover", [](const json& params) {
      const auto& position = params.at("position");
      return json{{"line", position.at("line").get<int>()}, {"uri", params.at("textDocument").at("uri")}};
    });
    d.on_notification("textDocument/didOpen", [](const json& params) {
      (void)params.at("textDocument").at("text").get<std::string>();
    });
    d.set_error_log([](const std::string& message) { FUZZ_CHECK(!message.empty()); });
    return d;
  }();
  return instance;
}

void dispatch(const std::string& body) {
  auto response = dispatcher().handle(body);
  if (!response) return;
  FUZZ_CHECK(response->is_object() && response->value("jsonrpc", json()) == "2.0");
  FUZZ_CHECK(response->contains("result") != response->contains("error"));
  if (response->contains("error")) FUZZ_CHECK(response->at("error").at("code").is_number_integer());
  (void)response->dump();  // what the server sends; throws on invalid UTF-8
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  fuzz_show("input", input);
  // The server's limit, and a small one that makes oversized bodies common.
  for (const std::size_t max_body : {std::size_t{64} << 20, std::size_t{16}}) {
    const std::vector<Output> outputs = read_at_once(input, max_body);
    for (const auto& output : outputs) {
      if (output.error) {
        FUZZ_CHECK(!output.text.empty());
        continue;
      }
      FUZZ_CHECK(output.text.size() <= max_body);
      FUZZ_CHECK(input.find(output.text) != std::string_view::npos);
      if (max_body > 16) dispatch(output.text);
    }
    if (size <= 8192) FUZZ_CHECK(read_in_pieces(input, max_body) == outputs);
  }

  if (!has_content_length(input)) {
    const std::string body = "{\"resync\":true}";
    const std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    const std::vector<Output> outputs = read_at_once(std::string(input) + frame, 1024);
    FUZZ_CHECK(!outputs.empty() && outputs.back() == (Output{false, body}));
    for (std::size_t i = 0; i + 1 < outputs.size(); ++i) FUZZ_CHECK(outputs[i].error);
  }
  return 0;
}
