#include "progress_relay.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace vaultlink::abi {

Vault load_reporting_progress(const std::function<Vault(const ProgressFn&)>& load,
                              const std::function<void(std::size_t done, std::size_t total)>& report) {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t done = 0, total = 0;
  bool unreported = false, finished = false;
  std::optional<Vault> loaded;
  std::exception_ptr failure;

  std::jthread loader([&] {
    try {
      loaded.emplace(load([&](std::size_t now_done, std::size_t now_total) {
        std::lock_guard lock(mutex);
        done = now_done;
        total = now_total;
        unreported = true;
        changed.notify_one();
      }));
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard lock(mutex);
    finished = true;
    changed.notify_one();
  });

  std::unique_lock lock(mutex);
  for (;;) {
    changed.wait(lock, [&] { return unreported || finished; });
    if (unreported) {
      unreported = false;
      const std::size_t report_done = done, report_total = total;
      lock.unlock();  // the loader goes on while the host prints
      report(report_done, report_total);
      lock.lock();
    } else {
      break;  // finished, and every report passed on
    }
  }
  lock.unlock();
  loader.join();
  if (failure) std::rethrow_exception(failure);
  return std::move(*loaded);
}

}  // namespace vaultlink::abi
