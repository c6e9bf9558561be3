#pragma once
// Runs work(i) for i in [0, count) on every core. Each index runs once; the
// calling thread works too, and all threads are joined before returning.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace vaultlink {

inline unsigned core_count() { return std::max(1u, std::thread::hardware_concurrency()); }

template <typename Work>
void parallel_for(std::size_t count, Work&& work) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  const auto threads = static_cast<unsigned>(std::min<std::size_t>(core_count(), std::max<std::size_t>(count, 1)));
  std::vector<std::jthread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
}

}  // namespace vaultlink
