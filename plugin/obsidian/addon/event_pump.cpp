#include "event_pump.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <nlohmann/json.hpp>
#include <vaultlink.h>

#include "library_call.hpp"

namespace vaultlink::obsidian {

namespace {

std::string error_event(const std::string& message) {
  return nlohmann::json{{"type", "error"}, {"message", message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void deliver_events(Napi::Env env, Napi::Function on_event, std::nullptr_t*, EventBatch* batch) {
  std::unique_ptr<EventBatch> owned(batch);
  // env is null when the function is being torn down with batches queued.
  if (env == nullptr || on_event.IsEmpty() || !owned->delivery->open) return;
  for (const auto& json : owned->events) {
    Napi::HandleScope scope(env);
    // A throwing listener surfaces as an uncaught exception, as it would
    // from any Node event emitter; the remaining events are still delivered.
    try {
      on_event.Call({parse_json(env, json)});
    } catch (const Napi::Error& error) {
      error.ThrowAsJavaScriptException();
      return;
    }
  }
}

EventPump::EventPump(Napi::Env env, vl_vault* vault, Napi::Function on_event) : vault_(vault) {
  if (vl_vault_event_fd(&event_fd_, vault_) != VL_OK) {
    throw library_error(env, "events", VL_ERROR, vl_error_last());
  }
  wake_fd_ = eventfd(0, EFD_CLOEXEC);
  if (wake_fd_ < 0) throw Napi::Error::New(env, std::string("events: eventfd: ") + std::strerror(errno));
  // Queue size 0 (unbounded): the thread never waits for the JS thread, so
  // stopping it from the JS thread cannot deadlock.  The events are few
  // (one per changed note per debounce window).
  function_ = EventFunction::New(
      env, on_event, "vaultlink events", 0, 1, nullptr,
      [](Napi::Env, std::shared_ptr<EventDelivery>* delivery, std::nullptr_t*) {
        (*delivery)->function_gone = true;
        delete delivery;
      },
      new std::shared_ptr<EventDelivery>(delivery_));
  thread_ = std::thread([this] { Run(); });
}

EventPump::~EventPump() {
  delivery_->open = false;
  const uint64_t one = 1;
  if (write(wake_fd_, &one, sizeof one) < 0) {
    // Cannot happen for an eventfd below its maximum; the join below would
    // then hang, so make it visible rather than silent.
    std::perror("vaultlink: waking the event thread");
  }
  thread_.join();
  close(wake_fd_);
}

void EventPump::Run() {
  pollfd fds[2] = {{event_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      Post({error_event(std::string("polling the event fd failed: ") + std::strerror(errno))});
      break;
    }
    // Drain before looking at the wake-up, so events posted right before a
    // stop are still handed over (the JS side decides whether to deliver).
    if (!Drain() || fds[1].revents != 0) break;
  }
  if (!delivery_->function_gone) function_.Release();
}

bool EventPump::Drain() {
  std::vector<std::string> batch;
  for (;;) {
    char* json = nullptr;
    int code = vl_vault_next_event(&json, vault_);
    if (code == VL_EAGAIN) break;
    if (code < 0) {
      batch.push_back(error_event(std::string("reading events failed: ") + vl_error_last()));
      Post(std::move(batch));
      return false;
    }
    batch.emplace_back(json);
    vl_free(json);
  }
  if (!batch.empty()) Post(std::move(batch));
  return true;
}

void EventPump::Post(std::vector<std::string> events) {
  auto owned = std::make_unique<EventBatch>(EventBatch{delivery_, std::move(events)});
  // Fails only once the environment is shutting down: the batch is dropped.
  if (delivery_->function_gone) return;
  if (function_.NonBlockingCall(owned.get()) == napi_ok) owned.release();
}

}  // namespace vaultlink::obsidian
