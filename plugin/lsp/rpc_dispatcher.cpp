#include "rpc_dispatcher.hpp"

namespace vaultlink::lsp {

json error_response(const json& id, int code, std::string_view message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

void Dispatcher::on_request(std::string method, RequestHandler handler) {
  requests_.insert_or_assign(std::move(method), std::move(handler));
}

void Dispatcher::on_notification(std::string method, NotificationHandler handler) {
  notifications_.insert_or_assign(std::move(method), std::move(handler));
}

std::optional<json> Dispatcher::handle(std::string_view body) {
  // Invalid UTF-8 inside strings is a parse error too (nlohmann checks it).
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) return error_response(nullptr, rpc_error::parse_error, "parse error: body is not valid JSON");
  return handle_message(message);
}

std::optional<json> Dispatcher::handle_message(const json& message) {
  if (!message.is_object()) return error_response(nullptr, rpc_error::invalid_request, "a message must be a JSON object");
  const auto id_field = message.find("id");
  const bool has_id = id_field != message.end();
  const json id = has_id && (id_field->is_string() || id_field->is_number_integer()) ? *id_field : json(nullptr);
  if (message.value("jsonrpc", json()) != "2.0")
    return error_response(id, rpc_error::invalid_request, "\"jsonrpc\" must be \"2.0\"");
  if (has_id && !id_field->is_string() && !id_field->is_number_integer())
    return error_response(nullptr, rpc_error::invalid_request, "\"id\" must be a string or an integer");
  const auto method_field = message.find("method");
  if (method_field == message.end()) {
    if (has_id && (message.contains("result") || message.contains("error"))) {  // a response to us
      try {
        if (on_response_) on_response_(message);
      } catch (const std::exception& error) {
        if (log_) log_(std::string("response to request ") + id.dump() + ": " + error.what());
      }
      return std::nullopt;
    }
    return error_response(id, rpc_error::invalid_request, "missing \"method\"");
  }
  if (!method_field->is_string()) return error_response(id, rpc_error::invalid_request, "\"method\" must be a string");
  const std::string& method = method_field->get_ref<const std::string&>();
  // "params": null is what some clients send for shutdown and exit.
  json params = message.value("params", json::object());
  if (params.is_null()) params = json::object();
  if (!params.is_object() && !params.is_array())
    return has_id ? std::optional(error_response(id, rpc_error::invalid_params, "\"params\" must be an object or array"))
                  : std::nullopt;

  try {
    if (gate_) gate_(method, has_id);
    if (!has_id) {
      if (auto handler = notifications_.find(method); handler != notifications_.end()) handler->second(params);
      // Unknown notifications (including "$/" ones) are ignored, as the protocol asks.
      return std::nullopt;
    }
    auto handler = requests_.find(method);
    if (handler == requests_.end())
      return error_response(id, rpc_error::method_not_found, "method not found: " + method);
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", handler->second(params)}};
  } catch (const RpcError& error) {
    if (has_id) return error_response(id, error.code, error.what());
    if (log_ && error.code != rpc_error::server_not_initialized) log_(method + ": " + error.what());
  } catch (const json::exception& error) {
    // Missing fields and wrong types in params surface as nlohmann exceptions.
    if (has_id) return error_response(id, rpc_error::invalid_params, std::string("invalid params: ") + error.what());
    if (log_) log_(method + ": invalid params: " + error.what());
  } catch (const std::exception& error) {
    if (has_id) return error_response(id, rpc_error::internal_error, error.what());
    if (log_) log_(method + ": " + error.what());
  }
  return std::nullopt;
}

}  // namespace vaultlink::lsp
