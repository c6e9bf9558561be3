// The JavaScript `Vault` class: one open vl_vault, every vault-wide call
// returning a Promise settled from libuv's thread pool.
#pragma once

#include <napi.h>

#include <memory>
#include <optional>

#include "event_pump.hpp"
#include "library_call.hpp"

struct vl_vault;

namespace vaultlink::obsidian {

class VaultObject : public Napi::ObjectWrap<VaultObject> {
 public:
  // Defines the class (with the static Vault.open) and keeps its constructor
  // in the addon's instance data.
  static Napi::Function Define(Napi::Env env);

  // Called only by Vault.open with the opened handle; `new Vault()` from
  // JavaScript is refused.
  explicit VaultObject(const Napi::CallbackInfo& info);
  // Reached when JavaScript dropped the vault without close() (or at
  // environment teardown): closes it here, synchronously, as a last resort.
  ~VaultObject() override;

  // A new JS Vault owning `vault`.
  static Napi::Object Wrap(Napi::Env env, vl_vault* vault);

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);

  Napi::Value Check(const Napi::CallbackInfo& info);
  Napi::Value CheckNote(const Napi::CallbackInfo& info);
  Napi::Value Backlinks(const Napi::CallbackInfo& info);
  Napi::Value Commit(const Napi::CallbackInfo& info);
  Napi::Value Sync(const Napi::CallbackInfo& info);
  Napi::Value Watch(const Napi::CallbackInfo& info);
  Napi::Value Unwatch(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  // `vault.closed`: true from the moment close() is called (new calls are
  // refused from then on, calls in flight still settle).
  Napi::Value IsClosed(const Napi::CallbackInfo& info);

  // Runs `call` on the thread pool, counted as in flight so that close()
  // waits for it; rejects at once when the vault is closing.
  Napi::Value Run(Napi::Env env, const char* what, AbiCall call, std::function<void()> after = {});
  void CallSettled();
  void CloseWhenIdle();

  vl_vault* vault_ = nullptr;
  int in_flight_ = 0;  // calls queued or running; JS thread only
  bool closing_ = false;
  bool close_started_ = false;
  std::optional<Napi::Promise::Deferred> closed_;
  // close()'s promise, for later calls: a napi_value lives only as long as
  // the handle scope that made it, a reference as long as the object.
  Napi::ObjectReference closed_promise_;
  std::unique_ptr<EventPump> pump_;
};

}  // namespace vaultlink::obsidian
