#include "client_support.hpp"

#include <catch2/catch.hpp>

#include "outgoing_requests.hpp"

using nlohmann::json;
using vaultlink::lsp::client_support;
using vaultlink::lsp::OutgoingRequests;
using vaultlink::lsp::PositionEncoding;

namespace {
PositionEncoding encoding_for(json offered) {
  return client_support({{"general", {{"positionEncodings", std::move(offered)}}}}).encoding;
}
}  // namespace

TEST_CASE("the position encoding is UTF-16 unless the client leaves it out", "[client_support]") {
  CHECK(client_support(json::object()).encoding == PositionEncoding::utf16);
  CHECK(encoding_for(json::array()) == PositionEncoding::utf16);
  CHECK(encoding_for({"utf-8", "utf-16"}) == PositionEncoding::utf16);
  CHECK(encoding_for({"utf-32", "utf-8"}) == PositionEncoding::utf32);
  CHECK(encoding_for({"utf-8"}) == PositionEncoding::utf8);
  CHECK(encoding_for({"latin-1", 7}) == PositionEncoding::utf16);
  CHECK(encoding_for("utf-8") == PositionEncoding::utf16);  // not an array: ignored
}

TEST_CASE("a client renames files when it lists the rename resource operation", "[client_support]") {
  const json both = {{"workspace", {{"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", {"create", "rename"}}}}}}};
  CHECK(client_support(both).rename_files);
  CHECK(client_support(both).document_changes);
  json no_rename = both;
  no_rename["workspace"]["workspaceEdit"]["resourceOperations"] = {"create", "delete"};
  CHECK_FALSE(client_support(no_rename).rename_files);
  // Neovim 0.7 lists the operations without documentChanges, and applies both.
  json no_document_changes = both;
  no_document_changes["workspace"]["workspaceEdit"].erase("documentChanges");
  CHECK(client_support(no_document_changes).rename_files);
  CHECK_FALSE(client_support(no_document_changes).document_changes);
  CHECK_FALSE(client_support({{"workspace", 3}}).rename_files);
}

TEST_CASE("responses reach the callback of their request once, whatever their order", "[outgoing_requests]") {
  OutgoingRequests outgoing;
  std::vector<std::string> seen;
  const json first = outgoing.request("workspace/configuration", {{"items", json::array()}},
                                      [&](const json& result, const json* error) {
                                        seen.push_back(error ? "error " + error->at("message").get<std::string>() : result.dump());
                                      });
  const json second = outgoing.request("client/registerCapability", json::object(),
                                       [&](const json& result, const json*) { seen.push_back("second " + result.dump()); });
  CHECK(first.at("method") == "workspace/configuration");
  CHECK(first.at("id") != second.at("id"));
  CHECK(outgoing.take_response({{"jsonrpc", "2.0"}, {"id", second.at("id")}, {"result", nullptr}}));
  CHECK(outgoing.take_response({{"jsonrpc", "2.0"}, {"id", first.at("id")}, {"error", {{"code", -32601}, {"message", "no"}}}}));
  CHECK_FALSE(outgoing.take_response({{"jsonrpc", "2.0"}, {"id", first.at("id")}, {"result", 1}}));  // answered already
  CHECK_FALSE(outgoing.take_response({{"jsonrpc", "2.0"}, {"id", "other"}, {"result", 1}}));
  CHECK(seen == std::vector<std::string>{"second null", "error no"});
  CHECK(outgoing.pending() == 0);
}
