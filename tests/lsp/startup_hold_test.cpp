#include "startup_hold.hpp"

#include <catch2/catch.hpp>

using vaultlink::lsp::StartupHold;
using namespace std::chrono_literals;

namespace {
// Offers `body` to the hold; true when it kept it.
bool kept(StartupHold& hold, std::string body) { return hold.keep(body); }
}  // namespace

TEST_CASE("during start-up, what needs the vault waits and the rest passes", "[startup_hold]") {
  StartupHold hold;
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}})"));  // not started

  hold.start(StartupHold::Clock::now() + 10s);
  CHECK(kept(hold, R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}})"));
  CHECK(kept(hold, R"({"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{}})"));
  CHECK(kept(hold, "{not json"));  // its parse error keeps its place too
  CHECK(kept(hold, "[1]"));
  // The answer to workspace/configuration, and what needs no vault.
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","id":1,"result":[null]})"));
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"no"}})"));
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","method":"initialized","params":{}})"));
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","method":"exit"})"));

  const auto released = hold.release();
  REQUIRE(released.size() == 4);
  CHECK(released[0].find("didOpen") != std::string::npos);
  CHECK(released[1].find("hover") != std::string::npos);
  CHECK(released[2] == "{not json");
  CHECK_FALSE(hold.active());
  CHECK_FALSE(kept(hold, R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}})"));
  CHECK(hold.release().empty());
}

TEST_CASE("the hold ends at its deadline at the latest", "[startup_hold]") {
  StartupHold hold;
  const auto now = StartupHold::Clock::now();
  CHECK_FALSE(hold.time_left(now));
  CHECK_FALSE(hold.expired(now));
  hold.start(now + 1500us);
  CHECK(hold.time_left(now) == 2ms);  // rounded up: a poll must not wake before it
  CHECK_FALSE(hold.expired(now));
  CHECK(hold.time_left(now + 2ms) == 0ms);
  CHECK(hold.expired(now + 2ms));
}
