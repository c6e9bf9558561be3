#pragma once
// Loading a vault is the costly step of starting, so it waits for the
// client's settings instead of being done twice: from initialize until the
// client answers workspace/configuration (or a deadline passes, for clients
// that never do), the client's messages that need the vault are kept here in
// their order of arrival and served once it is loaded. Responses pass (the
// answer is one), and so do `initialized` (after which the question is
// asked) and `exit`.
#include <chrono>
#include <deque>
#include <optional>
#include <string>

namespace vaultlink::lsp {

class StartupHold {
 public:
  using Clock = std::chrono::steady_clock;

  // Starts keeping messages until release(), or until `deadline` at the latest.
  void start(Clock::time_point deadline) { deadline_ = deadline; }
  bool active() const { return deadline_.has_value(); }
  bool expired(Clock::time_point now) const { return deadline_ && now >= *deadline_; }
  // How long until the deadline (zero once it passed); nullopt when not active.
  std::optional<std::chrono::milliseconds> time_left(Clock::time_point now) const;

  // While active, keeps a message body that must wait (returns true);
  // returns false for one to handle now, and always when not active.
  bool keep(std::string& body);

  // Ends the hold; the kept bodies, oldest first.
  std::deque<std::string> release();

 private:
  std::optional<Clock::time_point> deadline_;
  std::deque<std::string> kept_;
};

}  // namespace vaultlink::lsp
