#pragma once
// JSON-RPC 2.0 dispatch: turns one message body into a call of the handler
// registered for its method, and every failure into the error response the
// specification asks for, so one bad message never stops the server.
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vaultlink::lsp {

using nlohmann::json;

namespace rpc_error {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace rpc_error

// Thrown by handlers (and lifecycle gates) to answer with a specific error.
struct RpcError : std::runtime_error {
  RpcError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

json error_response(const json& id, int code, std::string_view message);

class Dispatcher {
 public:
  using RequestHandler = std::function<json(const json& params)>;
  using NotificationHandler = std::function<void(const json& params)>;
  // Called before every request and notification with its method; throws
  // RpcError to refuse it (e.g. before initialize). For notifications a
  // refusal means the notification is dropped.
  using Gate = std::function<void(std::string_view method, bool is_request)>;

  void on_request(std::string method, RequestHandler handler);
  void on_notification(std::string method, NotificationHandler handler);
  void set_gate(Gate gate) { gate_ = std::move(gate); }
  // Receives the client's responses to the server's own requests.
  void set_response_handler(std::function<void(const json& response)> handler) { on_response_ = std::move(handler); }
  // Reports failures of notifications, which have no response to carry them.
  void set_error_log(std::function<void(const std::string&)> log) { log_ = std::move(log); }

  // Handles one message body; returns the response to send, if any.
  // Responses from the client to our own requests go to the response handler.
  std::optional<json> handle(std::string_view body);

 private:
  std::optional<json> handle_message(const json& message);

  std::map<std::string, RequestHandler, std::less<>> requests_;
  std::map<std::string, NotificationHandler, std::less<>> notifications_;
  Gate gate_;
  std::function<void(const json&)> on_response_;
  std::function<void(const std::string&)> log_;
};

}  // namespace vaultlink::lsp
