#pragma once
// The pull-style event queue of one vault. Background threads push; the host
// pulls on its own thread when the eventfd becomes readable. The fd is
// readable exactly while the queue is not empty (level-triggered), so a host
// that drains until empty never misses an event and never spins.
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace vaultlink::abi {

class EventQueue {
 public:
  EventQueue();  // throws std::system_error when no eventfd can be made
  ~EventQueue();
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  int fd() const { return fd_; }
  // Appends one event (a JSON object's text). Safe from any thread.
  void push(std::string event_json);
  // The oldest event, or nullopt when the queue is empty.
  std::optional<std::string> pop();

 private:
  int fd_ = -1;
  std::mutex mutex_;
  std::deque<std::string> events_;
};

}  // namespace vaultlink::abi
