#pragma once
// How the C ABI reports failures: every entry point runs its body through
// guarded(), which turns any exception into a VL_E* code and a sentence in the
// calling thread's last-error slot. No exception ever crosses into C.
#include <string>
#include <utility>

#include "vaultlink.h"

namespace vaultlink::abi {

// Thrown inside entry points to fail with a specific code.
struct AbiError {
  int code;
  std::string message;
};

// Records `message` as the calling thread's last error and returns `code`.
int fail(int code, std::string message);

// The code and message for the exception currently being handled.
int fail_from_current_exception() noexcept;

template <class Body>
int guarded(Body&& body) noexcept {
  try {
    return std::forward<Body>(body)();
  } catch (...) {
    return fail_from_current_exception();
  }
}

// Throws AbiError(VL_EINVALID) when `pointer` is NULL, naming the argument.
template <class T>
T* require(T* pointer, const char* argument) {
  if (pointer == nullptr) throw AbiError{VL_EINVALID, std::string(argument) + " must not be NULL"};
  return pointer;
}

// Throws AbiError(VL_EINVALID) unless `options` is NULL (all defaults) or
// carries a version this library knows (1..`newest`): a version 0 is an
// uninitialised struct, a newer one has fields this library cannot read.
template <class Options>
const Options* require_known_version(const Options* options, unsigned int newest, const char* type_name) {
  if (options != nullptr && (options->version == 0 || options->version > newest)) {
    throw AbiError{VL_EINVALID, std::string("unknown ") + type_name + " version " + std::to_string(options->version)};
  }
  return options;
}

// A malloc'd copy of `text` for the host to release with vl_free().
char* to_c_string(const std::string& text);

}  // namespace vaultlink::abi
