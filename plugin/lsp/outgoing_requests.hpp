#pragma once
// Requests the server sends to the client (workspace/configuration,
// client/registerCapability): each gets a fresh id, and the client's response,
// which may arrive after any number of other messages, is handed to the
// callback registered with that id.
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace vaultlink::lsp {

class OutgoingRequests {
 public:
  // `error` is the response's error object, or nullptr when it has a result.
  using ResponseHandler = std::function<void(const nlohmann::json& result, const nlohmann::json* error)>;

  // The request message to send; `on_response` runs when its response arrives.
  nlohmann::json request(std::string method, nlohmann::json params, ResponseHandler on_response);

  // Hands a response message to the callback of its request. Returns false
  // for a response to no request of ours (unknown or already answered id).
  bool take_response(const nlohmann::json& message);

  std::size_t pending() const { return pending_.size(); }

 private:
  long long next_id_ = 1;
  std::map<long long, ResponseHandler> pending_;
};

}  // namespace vaultlink::lsp
