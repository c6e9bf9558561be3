#include "startup_hold.hpp"

#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace vaultlink::lsp {
namespace {

// Responses, `initialized` and `exit` need no vault. Anything else, even a
// body that is not JSON, waits: its answer keeps its place among the others.
bool passes(std::string_view body) {
  const nlohmann::json message = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!message.is_object()) return false;
  const auto method = message.find("method");
  if (method == message.end()) return true;
  return *method == "initialized" || *method == "exit";
}

}  // namespace

std::optional<std::chrono::milliseconds> StartupHold::time_left(Clock::time_point now) const {
  if (!deadline_) return std::nullopt;
  if (now >= *deadline_) return std::chrono::milliseconds(0);
  // Rounded up: a poll that wakes before the deadline would only poll again.
  return std::chrono::ceil<std::chrono::milliseconds>(*deadline_ - now);
}

bool StartupHold::keep(std::string& body) {
  if (!deadline_ || passes(body)) return false;
  kept_.push_back(std::move(body));
  return true;
}

std::deque<std::string> StartupHold::release() {
  deadline_.reset();
  return std::exchange(kept_, {});
}

}  // namespace vaultlink::lsp
