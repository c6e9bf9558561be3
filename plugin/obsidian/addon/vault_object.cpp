#include "vault_object.hpp"

#include <string>
#include <vector>

#include <vaultlink.h>

namespace vaultlink::obsidian {

namespace {

// Per-environment data: the class constructor, so Vault.open can make
// instances (Electron may run several environments in one process).
struct AddonData {
  Napi::FunctionReference vault_class;
};

// Proves to the constructor that Vault.open is calling it.
char construct_token = 0;

// A UTF-8 string argument without NUL bytes (the C ABI takes C strings, and a
// silently truncated note would be checked wrong).
std::string string_argument(const Napi::Value& value, const char* name) {
  if (!value.IsString()) throw Napi::TypeError::New(value.Env(), std::string(name) + " must be a string");
  std::string text = value.As<Napi::String>().Utf8Value();
  if (text.find('\0') != std::string::npos) {
    throw Napi::TypeError::New(value.Env(), std::string(name) + " must not contain NUL characters");
  }
  return text;
}

// An optional string: undefined and null give nothing.
std::optional<std::string> optional_string(const Napi::Value& value, const char* name) {
  if (value.IsUndefined() || value.IsNull()) return std::nullopt;
  return string_argument(value, name);
}

// The options object of a call (undefined and null: all defaults).
Napi::Object options_argument(const Napi::CallbackInfo& info, size_t index) {
  auto value = info[index];
  if (value.IsUndefined() || value.IsNull()) return Napi::Object::New(info.Env());
  if (!value.IsObject()) throw Napi::TypeError::New(info.Env(), "options must be an object");
  return value.As<Napi::Object>();
}

const char* c_str_or_null(const std::optional<std::string>& text) { return text ? text->c_str() : nullptr; }

// Vault.open's call: owns the opened handle until a Vault object does, so a
// promise that never settles (environment teardown) leaks nothing.
class OpenCall : public LibraryCall {
 public:
  OpenCall(Napi::Env env, std::string path, std::optional<std::string> settings)
      : OpenCall(env, std::make_shared<vl_vault*>(nullptr), std::move(path), std::move(settings)) {}
  ~OpenCall() override { vl_vault_close(*slot_); }

 protected:
  Napi::Value Result(Napi::Env env) override {
    auto vault = VaultObject::Wrap(env, *slot_);
    *slot_ = nullptr;
    return vault;
  }

 private:
  OpenCall(Napi::Env env, std::shared_ptr<vl_vault*> slot, std::string path, std::optional<std::string> settings)
      : LibraryCall(env, "open",
                    [slot, path = std::move(path), settings = std::move(settings)](char**) {
                      return vl_vault_open(slot.get(), path.c_str(), c_str_or_null(settings));
                    }),
        slot_(std::move(slot)) {}

  std::shared_ptr<vl_vault*> slot_;
};

}  // namespace

Napi::Function VaultObject::Define(Napi::Env env) {
  auto vault_class = DefineClass(env, "Vault",
                                 {StaticMethod<&VaultObject::Open>("open"),
                                  InstanceMethod<&VaultObject::Check>("check"),
                                  InstanceMethod<&VaultObject::CheckNote>("checkNote"),
                                  InstanceMethod<&VaultObject::Backlinks>("backlinks"),
                                  InstanceMethod<&VaultObject::Commit>("commit"),
                                  InstanceMethod<&VaultObject::Sync>("sync"),
                                  InstanceMethod<&VaultObject::Watch>("watch"),
                                  InstanceMethod<&VaultObject::Unwatch>("unwatch"),
                                  InstanceMethod<&VaultObject::Close>("close"),
                                  InstanceAccessor<&VaultObject::IsClosed>("closed")});
  auto* data = new AddonData{Napi::Persistent(vault_class)};
  env.SetInstanceData<AddonData>(data);
  return vault_class;
}

Napi::Object VaultObject::Wrap(Napi::Env env, vl_vault* vault) {
  auto& vault_class = env.GetInstanceData<AddonData>()->vault_class;
  return vault_class.New({Napi::External<vl_vault>::New(env, vault),
                          Napi::External<char>::New(env, &construct_token)});
}

VaultObject::VaultObject(const Napi::CallbackInfo& info) : Napi::ObjectWrap<VaultObject>(info) {
  if (info.Length() != 2 || !info[0].IsExternal() || !info[1].IsExternal() ||
      info[1].As<Napi::External<char>>().Data() != &construct_token) {
    throw Napi::TypeError::New(info.Env(), "use Vault.open(path, settings) to open a vault");
  }
  vault_ = info[0].As<Napi::External<vl_vault>>().Data();
}

VaultObject::~VaultObject() {
  pump_.reset();
  if (!close_started_) vl_vault_close(vault_);
}

Napi::Value VaultObject::Open(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto path = string_argument(info[0], "path");
  std::optional<std::string> settings;
  if (info[1].IsObject()) {
    auto json = env.Global().Get("JSON").As<Napi::Object>();
    settings = json.Get("stringify").As<Napi::Function>().Call(json, {info[1]}).As<Napi::String>().Utf8Value();
  } else {
    settings = optional_string(info[1], "settings");
  }
  return (new OpenCall(env, std::move(path), std::move(settings)))->Start();
}

Napi::Value VaultObject::Run(Napi::Env env, const char* what, AbiCall call, std::function<void()> after) {
  if (closing_) {
    auto deferred = Napi::Promise::Deferred::New(env);
    deferred.Reject(Napi::Error::New(env, std::string(what) + ": the vault is closed").Value());
    return deferred.Promise();
  }
  // A strong reference while calls are in flight: the calls use vault_, which
  // this object's destructor would close.
  if (in_flight_++ == 0) Ref();
  auto settled = [this, after = std::move(after)] {
    if (after) after();
    CallSettled();
  };
  return (new LibraryCall(env, what, std::move(call), std::move(settled)))->Start();
}

void VaultObject::CallSettled() {
  if (--in_flight_ > 0) return;
  Unref();
  if (closing_) CloseWhenIdle();
}

Napi::Value VaultObject::Check(const Napi::CallbackInfo& info) {
  return Run(info.Env(), "check", [vault = vault_](char** out) { return vl_vault_check(out, vault); });
}

Napi::Value VaultObject::CheckNote(const Napi::CallbackInfo& info) {
  auto path = string_argument(info[0], "path");
  auto text = optional_string(info[1], "text");
  return Run(info.Env(), "checkNote", [vault = vault_, path = std::move(path), text = std::move(text)](char** out) {
    return vl_vault_check_note(out, vault, path.c_str(), c_str_or_null(text));
  });
}

Napi::Value VaultObject::Backlinks(const Napi::CallbackInfo& info) {
  auto options = options_argument(info, 0);
  std::vector<std::string> paths;
  if (auto value = options.Get("paths"); !value.IsUndefined() && !value.IsNull()) {
    if (!value.IsArray()) throw Napi::TypeError::New(info.Env(), "paths must be an array of strings");
    auto array = value.As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); ++i) paths.push_back(string_argument(array.Get(i), "paths[i]"));
  }
  bool check_only = options.Get("checkOnly").ToBoolean();
  return Run(info.Env(), "backlinks", [vault = vault_, paths = std::move(paths), check_only](char** out) {
    std::vector<const char*> c_paths;
    for (const auto& path : paths) c_paths.push_back(path.c_str());
    vl_backlinks_options options = VL_BACKLINKS_OPTIONS_INIT;
    options.paths = c_paths.data();
    options.path_count = c_paths.size();
    options.check_only = check_only ? 1 : 0;
    return vl_vault_backlinks_update(out, vault, &options);
  });
}

Napi::Value VaultObject::Commit(const Napi::CallbackInfo& info) {
  auto message = optional_string(options_argument(info, 0).Get("message"), "message");
  return Run(info.Env(), "commit", [vault = vault_, message = std::move(message)](char** out) {
    vl_commit_options options = VL_COMMIT_OPTIONS_INIT;
    options.message_template = c_str_or_null(message);
    return vl_vault_commit(out, vault, &options);
  });
}

Napi::Value VaultObject::Sync(const Napi::CallbackInfo& info) {
  auto remote = optional_string(options_argument(info, 0).Get("remote"), "remote");
  return Run(info.Env(), "sync", [vault = vault_, remote = std::move(remote)](char** out) {
    vl_sync_options options = VL_SYNC_OPTIONS_INIT;
    options.remote = c_str_or_null(remote);
    return vl_vault_sync(out, vault, &options);
  });
}

Napi::Value VaultObject::Watch(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (!info[0].IsFunction()) throw Napi::TypeError::New(env, "watch(onEvent): onEvent must be a function");
  if (closing_) return Run(env, "watch", {});  // rejects
  if (pump_) throw Napi::Error::New(env, "watch: the vault is already watched; unwatch() first");
  pump_ = std::make_unique<EventPump>(env, vault_, info[0].As<Napi::Function>());
  return Run(env, "watch", [vault = vault_](char**) { return vl_vault_watch_start(vault); });
}

Napi::Value VaultObject::Unwatch(const Napi::CallbackInfo& info) {
  // The pump stops after the watcher: events it posts while finishing
  // (pending writes) still arrive.
  return Run(info.Env(), "unwatch", [vault = vault_](char**) { return vl_vault_watch_stop(vault); },
             [this] { pump_.reset(); });
}

Napi::Value VaultObject::Close(const Napi::CallbackInfo& info) {
  if (!closed_) {
    closed_ = Napi::Promise::Deferred::New(info.Env());
    closed_promise_ = Napi::Persistent(closed_->Promise().As<Napi::Object>());
    closing_ = true;
    pump_.reset();  // joins at once: the thread never waits for this one
    if (in_flight_ == 0) CloseWhenIdle();
  }
  return closed_promise_.Value();
}

void VaultObject::CloseWhenIdle() {
  if (close_started_) return;
  close_started_ = true;
  Ref();
  // vl_vault_close joins the watcher and finishes pending writes: off the JS
  // thread like everything else that may take long.
  auto* call = new LibraryCall(Env(), "close", [vault = vault_](char**) {
    vl_vault_close(vault);
    return VL_OK;
  }, [this] {
    vault_ = nullptr;
    closed_->Resolve(Env().Undefined());
    Unref();
  });
  call->Queue();
}

Napi::Value VaultObject::IsClosed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closing_);
}

}  // namespace vaultlink::obsidian
