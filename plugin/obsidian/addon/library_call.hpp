// One call into libvaultlink, run on libuv's thread pool so Obsidian's UI
// thread only queues it and, once it is done, turns its JSON into a value.
#pragma once

#include <napi.h>

#include <functional>
#include <string>

namespace vaultlink::obsidian {

// A call of the C ABI: returns 0 or a VL_E* code, and may hand out JSON
// (freed here with vl_free) through its out-parameter.
using AbiCall = std::function<int(char** out_json)>;

// Settles `deferred` with the call's JSON parsed (undefined when the call
// returns none), or rejects it with an Error carrying `code` ("VL_EGIT", ...)
// and `errno` (the negative return code).  `on_settled` runs on the JS thread
// right before the promise settles.
class LibraryCall : public Napi::AsyncWorker {
 public:
  LibraryCall(Napi::Env env, const char* what, AbiCall call, std::function<void()> on_settled = {});

  // Queues the call and returns its promise.
  Napi::Promise Start();

 protected:
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error& error) override;

  // The value the promise resolves with after a successful call: by default
  // the call's JSON parsed, undefined when it returned none.
  virtual Napi::Value Result(Napi::Env env);

 private:
  void Settle();

  std::string what_;
  AbiCall call_;
  std::function<void()> on_settled_;
  Napi::Promise::Deferred deferred_;
  int code_ = 0;
  bool has_json_ = false;
  std::string json_;
  std::string message_;
};

// The Error a failed C ABI call rejects with: message from vl_error_last(),
// `code` the VL_E* name, `errno` the return code.
Napi::Error library_error(Napi::Env env, const std::string& what, int code, const std::string& message);

// JSON.parse(text) in `env`.
Napi::Value parse_json(Napi::Env env, const std::string& text);

}  // namespace vaultlink::obsidian
