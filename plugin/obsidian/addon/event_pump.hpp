// Carries the vault's background events (the watcher's) to JavaScript.
//
// The library never calls into a host: it queues events and makes its event
// fd readable.  A thread of ours polls that fd, drains the queue and hands
// each batch to the JS thread through a ThreadSafeFunction, the only way
// Node-API lets another thread reach JavaScript.
#pragma once

#include <napi.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

struct vl_vault;

namespace vaultlink::obsidian {

// Whether batches still queued in the ThreadSafeFunction are delivered; only
// touched on the JS thread, so a stop takes effect for them at once.  Shared
// by the pump and every batch in flight, which may outlive the pump.
struct EventDelivery {
  bool open = true;
  // Set by the ThreadSafeFunction's finalizer.  Node finalizes it early when
  // the environment is torn down (a window reload) with our thread still
  // holding it; the thread must not touch it then, not even to release it.
  std::atomic<bool> function_gone{false};
};

struct EventBatch {
  std::shared_ptr<EventDelivery> delivery;
  std::vector<std::string> events;  // the library's JSON
};

void deliver_events(Napi::Env env, Napi::Function on_event, std::nullptr_t*, EventBatch* batch);

using EventFunction = Napi::TypedThreadSafeFunction<std::nullptr_t, EventBatch, deliver_events>;

class EventPump {
 public:
  // Starts polling `vault`'s event fd; `on_event(event)` is called on the JS
  // thread with each event object.  Throws Napi::Error when the fd cannot be
  // had.  The vault must outlive the pump.
  EventPump(Napi::Env env, vl_vault* vault, Napi::Function on_event);
  // Stops: the thread drains what is queued, exits and is joined.  Events
  // not yet delivered to JavaScript are dropped.  Called on the JS thread;
  // returns as soon as the thread has seen the wake-up (it never blocks on
  // the JS thread, so this cannot deadlock).
  ~EventPump();

  EventPump(const EventPump&) = delete;
  EventPump& operator=(const EventPump&) = delete;

 private:
  void Run();
  // Hands every queued event to JavaScript; false when the queue failed.
  bool Drain();
  void Post(std::vector<std::string> events);

  vl_vault* vault_;
  int event_fd_ = -1;
  int wake_fd_ = -1;
  std::shared_ptr<EventDelivery> delivery_ = std::make_shared<EventDelivery>();
  EventFunction function_;
  std::thread thread_;
};

}  // namespace vaultlink::obsidian
