#include "outgoing_requests.hpp"

namespace vaultlink::lsp {

nlohmann::json OutgoingRequests::request(std::string method, nlohmann::json params, ResponseHandler on_response) {
  const long long id = next_id_++;
  pending_.emplace(id, std::move(on_response));
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", std::move(method)}, {"params", std::move(params)}};
}

bool OutgoingRequests::take_response(const nlohmann::json& message) {
  const auto id = message.find("id");
  if (id == message.end() || !id->is_number_integer()) return false;  // our ids are integers
  auto found = pending_.find(id->get<long long>());
  if (found == pending_.end()) return false;
  // Taken out first: the callback may send further requests.
  ResponseHandler handler = std::move(found->second);
  pending_.erase(found);
  const auto error = message.find("error");
  static const nlohmann::json kNull;
  const auto result = message.find("result");
  handler(result == message.end() ? kNull : *result, error == message.end() ? nullptr : &*error);
  return true;
}

}  // namespace vaultlink::lsp
