// Platforms without a watcher yet: saying so beats a link error in every host.
#if !defined(__linux__)

#include <stdexcept>

#include "vaultlink/watcher.hpp"

namespace vaultlink {

std::unique_ptr<Watcher> make_watcher(const std::filesystem::path&, WatcherOptions) {
  throw std::runtime_error("watching a vault is not supported on this platform yet");
}

}  // namespace vaultlink

#endif
