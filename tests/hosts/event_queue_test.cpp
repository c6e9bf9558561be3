// The ABI's event queue: its fd is readable exactly while events are queued,
// events come out in order, and producers on other threads lose none.
#include <catch2/catch.hpp>

#include <poll.h>

#include <string>
#include <thread>
#include <vector>

#include "event_queue.hpp"

using vaultlink::abi::EventQueue;

namespace {
bool readable(int fd) {
  pollfd entry{fd, POLLIN, 0};
  return poll(&entry, 1, 0) == 1 && (entry.revents & POLLIN);
}
}  // namespace

TEST_CASE("the event fd is readable exactly while events are queued", "[event_queue]") {
  EventQueue queue;
  CHECK_FALSE(readable(queue.fd()));
  CHECK_FALSE(queue.pop());
  queue.push("{\"n\":1}");
  queue.push("{\"n\":2}");
  CHECK(readable(queue.fd()));
  CHECK(queue.pop() == "{\"n\":1}");
  CHECK(readable(queue.fd()));  // one left
  CHECK(queue.pop() == "{\"n\":2}");
  CHECK_FALSE(readable(queue.fd()));
  CHECK_FALSE(queue.pop());
  queue.push("{\"n\":3}");
  CHECK(readable(queue.fd()));
}

TEST_CASE("events pushed from other threads all arrive, each in its thread's order", "[event_queue]") {
  EventQueue queue;
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::thread> producers;
  for (int t = 0; t < kThreads; ++t)
    producers.emplace_back([&queue, t] {
      for (int i = 0; i < kEach; ++i) queue.push(std::to_string(t) + ":" + std::to_string(i));
    });
  std::vector<int> next(kThreads, 0);
  int received = 0;
  bool in_order = true;
  while (received < kThreads * kEach) {
    pollfd entry{queue.fd(), POLLIN, 0};
    REQUIRE(poll(&entry, 1, 5000) == 1);  // a pending event always wakes the consumer
    while (auto event = queue.pop()) {
      const auto colon = event->find(':');
      const int thread = std::stoi(event->substr(0, colon)), index = std::stoi(event->substr(colon + 1));
      in_order = in_order && index == next[thread];
      next[thread] = index + 1;
      ++received;
    }
  }
  for (auto& producer : producers) producer.join();
  CHECK(in_order);
  CHECK(received == kThreads * kEach);
  CHECK_FALSE(readable(queue.fd()));
}
