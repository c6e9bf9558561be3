#include "event_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace vaultlink::abi {

EventQueue::EventQueue() : fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot create the event fd");
}

EventQueue::~EventQueue() { close(fd_); }

void EventQueue::push(std::string event_json) {
  std::lock_guard lock(mutex_);
  events_.push_back(std::move(event_json));
  if (events_.size() == 1) {
    // Empty -> not empty: make the fd readable. The counter cannot overflow
    // (it is only ever 0 or 1), so the write cannot block or fail for EAGAIN.
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t written = write(fd_, &one, sizeof one);
  }
}

std::optional<std::string> EventQueue::pop() {
  std::lock_guard lock(mutex_);
  if (events_.empty()) return std::nullopt;
  std::string event = std::move(events_.front());
  events_.pop_front();
  if (events_.empty()) {
    // Not empty -> empty: reading resets the counter, so the fd stops being readable.
    std::uint64_t count = 0;
    [[maybe_unused]] ssize_t got = read(fd_, &count, sizeof count);
  }
  return event;
}

}  // namespace vaultlink::abi
