#pragma once
// Progress reports on the host's own thread. Vault::load reports progress
// from its worker threads, but the ABI promises hosts that the library never
// calls them from a thread of its own (LuaJIT callbacks from foreign threads
// crash). So the load runs on a helper thread while the calling thread waits
// and passes each report on.
#include <cstddef>
#include <functional>

#include "vaultlink/vault.hpp"

namespace vaultlink::abi {

// Runs `load` (given the ProgressFn to hand to Vault::load) on a helper
// thread and calls `report` on the calling thread with the latest progress
// until the load is done. Reports that arrive while `report` runs are
// coalesced into the latest one. Rethrows what `load` threw.
Vault load_reporting_progress(const std::function<Vault(const ProgressFn&)>& load,
                              const std::function<void(std::size_t done, std::size_t total)>& report);

}  // namespace vaultlink::abi
