// The thread-local last error and the mapping of exceptions to codes.
#include "abi_error.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <system_error>

#include <nlohmann/json.hpp>

#include "vaultlink/git.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink::abi {
namespace {

// One per thread, so concurrent hosts' threads never see each other's errors.
thread_local std::string last_error;

}  // namespace

int fail(int code, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
    last_error.clear();  // out of memory while reporting: keep the code at least
  }
  return code;
}

int fail_from_current_exception() noexcept {
  try {
    throw;
  } catch (const AbiError& error) {
    return fail(error.code, error.message);
  } catch (const GitError& error) {
    return fail(VL_EGIT, error.what());
  } catch (const SettingsError& error) {
    return fail(VL_EINVALID, error.what());
  } catch (const nlohmann::json::exception& error) {
    return fail(VL_EINVALID, std::string("invalid JSON: ") + error.what());
  } catch (const std::filesystem::filesystem_error& error) {
    return fail(VL_EIO, error.what());
  } catch (const std::system_error& error) {  // e.g. no inotify instance left
    return fail(VL_EIO, error.what());
  } catch (const std::bad_alloc&) {
    return fail(VL_ERROR, "out of memory");
  } catch (const std::exception& error) {
    return fail(VL_ERROR, error.what());
  } catch (...) {
    return fail(VL_ERROR, "unknown internal error");
  }
}

char* to_c_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size() + 1);
  return copy;
}

}  // namespace vaultlink::abi

extern "C" {

VL_EXPORT const char* vl_error_last(void) { return vaultlink::abi::last_error.c_str(); }

VL_EXPORT void vl_free(char* text) { std::free(text); }

}
