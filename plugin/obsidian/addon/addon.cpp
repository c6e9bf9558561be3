// vaultlink's Node-API addon: the C ABI of libvaultlink for Obsidian's
// desktop app (Electron) and for Node.js.
//
//   const vl = require('/abs/path/vaultlink-linux-x64.node');
//   const vault = await vl.Vault.open('/path/to/vault');      // scans off-thread
//   const { diagnostics } = await vault.checkNote('Note.md');
//   await vault.watch(event => ...);                            // watcher events
//   await vault.close();
//
// Every call that may touch the whole vault returns a Promise and runs on
// libuv's thread pool; the JS thread only copies arguments in and parses the
// JSON result out.  Failures reject with an Error whose `code` is the
// library's VL_E* name.
#include <napi.h>

#include <vaultlink.h>

#include "vault_object.hpp"

namespace {

using vaultlink::obsidian::VaultObject;

Napi::Object InitVaultlink(Napi::Env env, Napi::Object exports) {
  // The addon is built against this header; a libvaultlink.so of another
  // ABI beside it (a half-updated plugin folder) must not be called.
  if (vl_abi_version() != VL_ABI_VERSION) {
    throw Napi::Error::New(env, "libvaultlink ABI " + std::to_string(vl_abi_version()) + " found, this addon needs " +
                                    std::to_string(VL_ABI_VERSION));
  }
  exports.Set("abiVersion", Napi::Number::New(env, vl_abi_version()));
  exports.Set("version", Napi::String::New(env, vl_version()));
  exports.Set("manifest", Napi::String::New(env, vl_manifest()));
  exports.Set("Vault", VaultObject::Define(env));
  return exports;
}

}  // namespace

// NODE_API_MODULE pastes the function's name into an identifier: it must be
// unqualified.
NODE_API_MODULE(vaultlink, InitVaultlink)
