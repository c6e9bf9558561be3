#include "library_call.hpp"

#include <vaultlink.h>

namespace vaultlink::obsidian {

namespace {

const char* code_name(int code) {
  switch (code) {
    case VL_EINVALID: return "VL_EINVALID";
    case VL_ENOTFOUND: return "VL_ENOTFOUND";
    case VL_EIO: return "VL_EIO";
    case VL_ENOTSUPPORTED: return "VL_ENOTSUPPORTED";
    case VL_EAGAIN: return "VL_EAGAIN";
    case VL_EGIT: return "VL_EGIT";
    default: return "VL_ERROR";
  }
}

}  // namespace

Napi::Error library_error(Napi::Env env, const std::string& what, int code, const std::string& message) {
  auto error = Napi::Error::New(env, what + ": " + message);
  error.Set("code", Napi::String::New(env, code_name(code)));
  error.Set("errno", Napi::Number::New(env, code));
  return error;
}

Napi::Value parse_json(Napi::Env env, const std::string& text) {
  auto json = env.Global().Get("JSON").As<Napi::Object>();
  return json.Get("parse").As<Napi::Function>().Call(json, {Napi::String::New(env, text)});
}

LibraryCall::LibraryCall(Napi::Env env, const char* what, AbiCall call, std::function<void()> on_settled)
    : Napi::AsyncWorker(env, what),
      what_(what),
      call_(std::move(call)),
      on_settled_(std::move(on_settled)),
      deferred_(Napi::Promise::Deferred::New(env)) {}

Napi::Promise LibraryCall::Start() {
  auto promise = deferred_.Promise();
  Queue();
  return promise;
}

void LibraryCall::Execute() {
  char* out = nullptr;
  code_ = call_(&out);
  // vl_error_last() is thread-local: it must be read here, on the thread
  // that made the call.
  if (code_ < 0) message_ = vl_error_last();
  if (out != nullptr) {
    has_json_ = true;
    json_ = out;
    vl_free(out);
  }
}

void LibraryCall::OnOK() {
  if (on_settled_) on_settled_();
  Settle();
}

void LibraryCall::OnError(const Napi::Error& error) {
  if (on_settled_) on_settled_();
  deferred_.Reject(error.Value());
}

void LibraryCall::Settle() {
  auto env = Env();
  Napi::HandleScope scope(env);
  if (code_ < 0) {
    deferred_.Reject(library_error(env, what_, code_, message_).Value());
    return;
  }
  try {
    deferred_.Resolve(Result(env));
  } catch (const Napi::Error& error) {
    deferred_.Reject(error.Value());
  }
}

Napi::Value LibraryCall::Result(Napi::Env env) {
  return has_json_ ? parse_json(env, json_) : env.Undefined();
}

}  // namespace vaultlink::obsidian
